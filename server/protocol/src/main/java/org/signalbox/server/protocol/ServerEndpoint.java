package org.signalbox.server.protocol;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/** A messaging server running in this framework, registered as a service while it accepts connections. */
@ProviderType
public interface ServerEndpoint {

    /** Where clients connect, e.g. {@code ws://127.0.0.1:15380/api}. */
    URI uri();

    /** Base64 of the sealed-sender trust root (33 bytes), for clients that pin it. */
    String trustRoot();
}
