package org.signalbox.core.messaging.internal.network;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which messaging server an account uses, and the sealed-sender trust root it pins: given by the operator or the
 * in-process server, or else learnt on first contact and kept from then on (docs/protocol/client-network.md).
 * Where it is may change: the embedded server of a data directory moves to another process when the one serving
 * it ends, so a link asks again each time it connects.
 */
public record Endpoint(Supplier<URI> location, Optional<byte[]> trustRoot) {

    /** A server that stays where it is. */
    public static Endpoint at(URI uri, Optional<byte[]> trustRoot) {
        return new Endpoint(() -> uri, trustRoot);
    }

    /** Where the server is now. */
    public URI uri() {
        return location.get();
    }
}
