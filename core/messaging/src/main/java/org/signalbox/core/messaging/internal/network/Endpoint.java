package org.signalbox.core.messaging.internal.network;

import java.net.URI;
import java.util.Optional;

/**
 * Which messaging server an account uses, and the sealed-sender trust root it pins: given by the operator or the
 * in-process server, or else learnt on first contact and kept from then on (docs/protocol/client-network.md).
 */
public record Endpoint(URI uri, Optional<byte[]> trustRoot) {
}
