package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.Peer;

/**
 * {@code /api/v1/ws}: JSON-RPC over WebSocket, one JSON value per text frame each way; a lasting engine connection
 * with subscriptions and notifications, like a socket client.
 *
 * <p>Public because Jetty reaches the listener methods through method handles.
 */
public final class RpcSocket implements Session.Listener.AutoDemanding, Peer {

    private static final System.Logger LOG = System.getLogger("WebSocket");

    private final JsonRpcEngine engine;
    private final ConnectionOptions options;
    private final boolean trusted;
    private final long writeTimeoutMillis;
    private final long settleMillis;
    private final WebSockets registry;
    private final long maxMessageBytes;
    private final StringBuilder message = new StringBuilder();
    private long messageBytes;
    private boolean oversized;
    private TextFrames frames;
    private Connection connection;

    RpcSocket(JsonRpcEngine engine, ConnectionOptions options, boolean trusted, long writeTimeoutMillis,
            long settleMillis, WebSockets registry, long maxMessageBytes) {
        this.engine = engine;
        this.options = options;
        this.trusted = trusted;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.settleMillis = settleMillis;
        this.registry = registry;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.setMaxTextMessageSize(-1); // this socket keeps its own limit: see onWebSocketPartialText
        frames = new TextFrames(session, writeTimeoutMillis, settleMillis);
        connection = engine.open(this, options);
        registry.opened(frames);
    }

    /**
     * Messages arrive in parts so that one over the limit is answered -32700, as an over-long line is, and the socket
     * goes on; Jetty's own limit would close it with 1009. A message is never held beyond the limit: past it, its
     * parts are counted and dropped.
     */
    @Override
    public void onWebSocketPartialText(String part, boolean last) {
        messageBytes += utf8Bytes(part);
        if (messageBytes > maxMessageBytes) {
            oversized = true;
            message.setLength(0);
            message.trimToSize();
        } else {
            message.append(part);
        }
        if (last) {
            if (oversized) {
                connection.oversized(maxMessageBytes);
            } else {
                connection.receive(message.toString());
            }
            message.setLength(0);
            messageBytes = 0;
            oversized = false;
        }
    }

    private static long utf8Bytes(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 2; // with its low surrogate, four bytes in all
            } else {
                bytes += Character.isLowSurrogate(c) ? 2 : 3;
            }
        }
        return bytes;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        frames.close(StatusCode.BAD_DATA, "JSON-RPC travels in text frames");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        registry.closed(frames);
        if (connection != null) {
            connection.closed();
        }
        if (frames != null) {
            frames.ended(statusCode);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // too-large messages, broken connections: Jetty closes the socket and onWebSocketClose follows
        LOG.log(System.Logger.Level.DEBUG, "WebSocket error: " + cause);
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public boolean write(String json) {
        return frames.send(json);
    }

    @Override
    public boolean write(String json, Handover handover) {
        return frames.send(json, handover);
    }

    @Override
    public void close() {
        frames.close(StatusCode.NORMAL, "");
    }

    @Override
    public boolean local() {
        return trusted;
    }
}
