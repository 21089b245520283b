package org.signalbox.api.transport;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport instance, registered as a service while it exists so operators and admin methods can list it.
 */
@ConsumerType
public interface Transport {

    /** Lifecycle of a transport instance. */
    enum State {
        STARTING, RUNNING, STOPPING, STOPPED, FAILED
    }

    /** Instance name, e.g. {@code stdio} or {@code tcp:127.0.0.1:7583}. */
    String name();

    /** Where clients reach it, e.g. {@code stdin/stdout}. */
    String endpoint();

    int connections();

    State state();

    /** Why the instance is {@link State#FAILED} (e.g. {@code Address already in use}); empty otherwise. */
    default Optional<String> failure() {
        return Optional.empty();
    }
}
