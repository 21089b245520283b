package org.signalbox.transport.websocket.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The open Engine.IO sockets of one transport instance, by sid, so a poll or an upgrade finds its socket; each
 * leaves once it ended.
 */
final class EngineSessions {

    /** What a new socket is told while {@code maxSocketIoSockets} are open. */
    static final String FULL = "Too many Socket.IO sockets are open; try again later";

    private final Map<String, EngineSession> open = new ConcurrentHashMap<>();
    private final HttpConfig config;
    private final ScheduledExecutorService timer;
    private final SocketIoDialect.Context dialect;

    EngineSessions(HttpConfig config, ScheduledExecutorService timer, SocketIoDialect.Context dialect) {
        this.config = config;
        this.timer = timer;
        this.dialect = dialect;
    }

    /** A new socket speaking Engine.IO {@code protocol} (3 or 4); {@code trusted} as {@link Access#trusted}. */
    EngineSession create(int protocol, boolean trusted) {
        String sid = SocketIoSocket.sid();
        EngineSession s = new EngineSession(sid, protocol, config, timer, () -> open.remove(sid),
                socket -> new SocketIoDialect(socket, dialect, trusted));
        open.put(sid, s);
        return s;
    }

    /** Whether {@code maxSocketIoSockets} are open: a new one is refused until one ends. */
    boolean full() {
        return open.size() >= config.maxSocketIoSockets();
    }

    Optional<EngineSession> find(String sid) {
        return sid == null ? Optional.empty() : Optional.ofNullable(open.get(sid));
    }

    /** Sockets carried by long-polling (WebSockets are counted with the others). */
    int polling() {
        return (int) open.values().stream().filter(s -> s.polling() != null).count();
    }

    void stop() {
        List.copyOf(open.values()).forEach(s -> s.close(StatusCode.SHUTDOWN, "Transport stopped"));
    }
}
