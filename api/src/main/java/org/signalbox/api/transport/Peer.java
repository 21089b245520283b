package org.signalbox.api.transport;

import org.osgi.annotation.versioning.ConsumerType;
import org.signalbox.api.session.Handover;

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

    /**
     * Writes a text that carries stored messages and tells {@code handover}, now or later, whether the client kept
     * it. This default keeps it as soon as {@link #write(String)} succeeds; transports that can tell a client that
     * left without reading (a reset, a failed write, an end soon after) return it instead, see
     * {@link Handovers}.
     */
    default boolean write(String json, Handover handover) {
        boolean written = write(json);
        if (written) {
            handover.kept();
        } else {
            handover.returned();
        }
        return written;
    }

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
