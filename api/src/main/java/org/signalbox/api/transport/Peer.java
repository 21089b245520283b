package org.signalbox.api.transport;

import org.osgi.annotation.versioning.ConsumerType;

/** The transport's side of a connection: where the engine's output goes. */
@ConsumerType
public interface Peer {

    /** Transport name, e.g. {@code stdio}. */
    String transport();

    /**
     * Writes one complete JSON text (a response, batch or notification) as one line or frame. Called from many
     * threads; the transport must never interleave two texts. Returns true only once the text is with the
     * operating system (stored messages are removed on true), false if the peer is gone.
     */
    boolean write(String json);

    /** Closes the underlying connection after what was written so far. */
    void close();

    /**
     * Whether the client is on this machine (stdio, a UNIX socket, a loopback TCP peer). Administration methods
     * serve local clients only.
     */
    default boolean local() {
        return false;
    }
}
