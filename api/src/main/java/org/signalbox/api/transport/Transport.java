package org.signalbox.api.transport;

import org.osgi.annotation.versioning.ConsumerType;

/** A running transport instance, registered as a service so operators can list it. */
@ConsumerType
public interface Transport {

    /** Instance name, e.g. {@code stdio} or {@code tcp:127.0.0.1:7583}. */
    String name();

    /** Where clients reach it, e.g. {@code stdin/stdout}. */
    String endpoint();

    int connections();
}
