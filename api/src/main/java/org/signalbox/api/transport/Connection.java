package org.signalbox.api.transport;

import org.osgi.annotation.versioning.ProviderType;
import org.signalbox.api.session.Session;

/** The engine's side of one client connection. */
@ProviderType
public interface Connection {

    /**
     * Hands one received JSON text (a line, a frame, a body) to the engine. Returns once the engine took it,
     * which is at once unless the connection has its limit of requests running or unwritten: then it waits for
     * room, and a transport that calls it from its reading thread stops reading that client (back-pressure).
     */
    void receive(String text);

    /** Tells the engine that the transport dropped a text longer than {@code limit} bytes. */
    void oversized(long limit);

    /** Waits until every request received so far has been answered, at most {@code millis}. */
    boolean drain(long millis) throws InterruptedException;

    /** The peer went away: subscriptions end, pending output is dropped. */
    void closed();

    Session session();
}
