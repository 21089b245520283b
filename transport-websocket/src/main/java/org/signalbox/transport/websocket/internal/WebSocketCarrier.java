package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;

/**
 * The WebSocket of one Engine.IO socket ({@code /socket.io/?EIO=4|3&transport=websocket}): either the socket's
 * carrier from the start, or the upgrade of a polling socket ({@code &sid=…}), which answers the client's
 * {@code 2probe} with {@code 3probe} and takes over at its {@code 5}.
 *
 * <p>Public because Jetty reaches the listener methods through method handles.
 */
public final class WebSocketCarrier implements Session.Listener.AutoDemanding, EngineSession.Carrier {

    private final HttpConfig config;
    private final WebSockets registry;
    private final Supplier<EngineSession> fresh;
    private final Map<String, String> query;
    private volatile EngineSession session;
    /** True while this socket is only a candidate for an upgrade. */
    private volatile boolean probing;
    private TextFrames frames;

    /** A socket that opens its own Engine.IO session, made by {@code fresh} when the WebSocket opens. */
    WebSocketCarrier(HttpConfig config, WebSockets registry, Supplier<EngineSession> fresh, Map<String, String> query) {
        this.config = config;
        this.registry = registry;
        this.fresh = fresh;
        this.query = query;
    }

    /** A socket that upgrades {@code polling}. */
    WebSocketCarrier(HttpConfig config, WebSockets registry, EngineSession polling) {
        this(config, registry, null, Map.of());
        this.session = polling;
        this.probing = true;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        frames = new TextFrames(s, config.writeTimeoutMillis(), config.settleMillis());
        registry.opened(frames);
        if (!probing) {
            session = fresh.get();
            session.open(this, query);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        if (!probing) {
            session.received(text);
        } else if (text.equals("2probe")) {
            frames.send("3probe");
            session.probed();
        } else if (text.equals("5")) {
            if (session.upgraded(this)) {
                probing = false;
            } else {
                frames.close(StatusCode.POLICY_VIOLATION, "the socket is gone or already upgraded");
            }
        } else {
            frames.close(StatusCode.PROTOCOL, "expected 2probe or 5 while upgrading");
        }
    }

    @Override
    public boolean send(String packet, Handover handover) {
        if (!frames.send(packet)) {
            return false;
        }
        session.written(true, handover);
        return true;
    }

    @Override
    public void push(String packet) {
        // off the caller's thread: the heartbeat timer serves every socket
        Thread.ofVirtual().start(() -> frames.send(packet));
    }

    @Override
    public void close(int status, String reason) {
        frames.close(status, reason);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        frames.close(StatusCode.BAD_DATA, "this dialect carries no binary attachments");
    }

    /** A candidate that never took over leaves the polling socket as it was. */
    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        registry.closed(frames);
        if (session != null && !probing) {
            // 1006: nobody finished a close handshake, so what was written may not have been read
            session.ended(statusCode != StatusCode.ABNORMAL);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        System.getLogger("SocketIO").log(System.Logger.Level.DEBUG, "Socket.IO WebSocket error: " + cause);
    }
}
