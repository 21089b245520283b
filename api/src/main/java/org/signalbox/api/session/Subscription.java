package org.signalbox.api.session;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** A session's interest in an event stream; ids come from one process-wide counter, as in signal-cli. */
@ProviderType
public interface Subscription {

    int id();

    String event();

    /** The account it is narrowed to; empty means every account, including ones added later. */
    Optional<String> account();

    /** Automatic subscriptions get the flat {@code receive} shape; explicit ones the wrapped shape. */
    boolean automatic();

    void cancel();
}
