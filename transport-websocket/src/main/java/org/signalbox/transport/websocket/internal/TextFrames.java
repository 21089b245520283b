package org.signalbox.transport.websocket.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Handovers;

/**
 * Sends whole text frames to one WebSocket from any thread, one at a time. A client that takes nothing for the
 * write timeout (plus the time a frame that big takes at 64 KiB/s) is disconnected, so it cannot hold up the
 * thread that delivers to everyone else. Frames carrying
 * stored messages stay stored until the socket lasted the settle window or closed with a close handshake (the
 * client's library read every frame before our close or its own); an abnormal end (1006: a reset, an EOF
 * without a close frame, a timeout) returns them.
 */
final class TextFrames {

    private final Session session;
    private final long timeoutMillis;
    private final Handovers handovers;

    TextFrames(Session session, long timeoutMillis, long settleMillis) {
        this.session = session;
        this.timeoutMillis = timeoutMillis;
        this.handovers = new Handovers(settleMillis);
    }

    /** A frame carrying stored messages; {@code handover} learns whether the client kept it. */
    boolean send(String text, Handover handover) {
        return handovers.sent(send(text), handover);
    }

    /** The socket closed with {@code statusCode}: 1006 means nobody finished a close handshake. */
    void ended(int statusCode) {
        if (statusCode == StatusCode.ABNORMAL) {
            handovers.returnAll();
        } else {
            handovers.keepAll();
        }
    }

    /**
     * The longest a write of {@code chars} may take: Jetty does not say how far a frame got, so a big one gets
     * the write timeout plus the time a reader taking 64 KiB a second needs, and a slow but steady client is not
     * cut off in the middle of a large answer.
     */
    static long allowedMillis(long timeoutMillis, long chars) {
        return timeoutMillis + chars * 1000 / SLOWEST_BYTES_PER_SECOND;
    }

    private static final long SLOWEST_BYTES_PER_SECOND = 64 * 1024;

    /** True once the frame is with the operating system. */
    synchronized boolean send(String text) {
        if (!session.isOpen()) {
            return false;
        }
        try {
            Callback.Completable.with(c -> session.sendText(text, c)).get(allowedMillis(timeoutMillis,
                    text.length()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            session.disconnect();
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A close frame after the frame being sent, never inside it. */
    synchronized void close(int status, String reason) {
        session.close(status, reason, Callback.NOOP);
    }

    Session session() {
        return session;
    }
}
