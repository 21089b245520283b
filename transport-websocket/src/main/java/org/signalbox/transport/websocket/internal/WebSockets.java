package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The open WebSockets of one transport instance: counted, pinged so live clients outlast the idle timeout while
 * dead ones do not, and closed with 1001 when the transport stops.
 */
final class WebSockets {

    private final Set<TextFrames> open = ConcurrentHashMap.newKeySet();

    void opened(TextFrames frames) {
        open.add(frames);
    }

    void closed(TextFrames frames) {
        open.remove(frames);
    }

    int count() {
        return open.size();
    }

    void ping() {
        open.forEach(f -> f.session().sendPing(ByteBuffer.allocate(0), Callback.NOOP));
    }

    void stop() {
        open.forEach(f -> f.close(StatusCode.SHUTDOWN, "Transport stopped"));
    }
}
