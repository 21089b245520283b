package org.signalbox.api.session;

import org.osgi.annotation.versioning.ConsumerType;
import org.signalbox.api.transport.ConnectionOptions;

/**
 * Hears of client sessions: register an implementation as a service (the whiteboard) and the engine calls it for
 * every session. This is how a feature bundle subscribes new connections to its events, or sends what waited for
 * a subscriber, without the engine knowing the feature.
 */
@ConsumerType
public interface SessionListener {

    /**
     * A connection opened; called before the engine takes its first text. Subscribe it here to events it gets
     * without asking (signal-cli's automatic {@code receive}). Must not block.
     */
    default void opened(Session session, ConnectionOptions options) {
    }

    /** A session subscribed; called after the subscription exists, from the subscribing thread. Must not block. */
    default void subscribed(Session session, Subscription subscription) {
    }
}
