package org.signalbox.core.internal.rpc;

import org.signalbox.api.session.Events;

/**
 * The engine's events as core's own components use them: publishing, and hearing of new subscriptions. A listener
 * registers itself rather than being a service the engine references, because a listener that publishes needs the
 * engine, and Declarative Services cannot build such a cycle.
 */
public interface EventHub extends Events {

    void addListener(SubscriptionListener listener);

    void removeListener(SubscriptionListener listener);
}
