package org.signalbox.transport.websocket.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Sends whole text frames to one WebSocket from any thread, one at a time. A client that takes nothing for the
 * write timeout is disconnected, so it cannot hold up the thread that delivers to everyone else.
 */
final class TextFrames {

    private final Session session;
    private final long timeoutMillis;

    TextFrames(Session session, long timeoutMillis) {
        this.session = session;
        this.timeoutMillis = timeoutMillis;
    }

    /** True once the frame is with the operating system. */
    synchronized boolean send(String text) {
        if (!session.isOpen()) {
            return false;
        }
        try {
            Callback.Completable.with(c -> session.sendText(text, c)).get(timeoutMillis, TimeUnit.MILLISECONDS);
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
