package org.signalbox.core.internal.rpc;

import java.util.Optional;

/** Told when a session subscribes, so messages that waited for a client can go out now. */
public interface SubscriptionListener {

    /** Called after the subscription exists; must not block. */
    void subscribed(String event, Optional<String> account);
}
