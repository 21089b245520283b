package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Engine.IO v4 and Socket.IO v5 framing over one WebSocket ({@code /socket.io/?EIO=4&transport=websocket}): the
 * open packet, server pings with a pong deadline, the CONNECT handshake on {@code /}, EVENT and ACK packets. What
 * the events mean is {@link SocketIoDialect}'s business.
 *
 * <p>Public because Jetty reaches the listener methods through method handles.
 */
public final class SocketIoSocket implements Session.Listener.AutoDemanding {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("SocketIO");

    private final HttpConfig config;
    private final ScheduledExecutorService timer;
    private final WebSockets registry;
    private final SocketIoDialect dialect;
    private TextFrames frames;
    private ScheduledFuture<?> pinger;
    private volatile long pongSeen = System.nanoTime();
    private volatile boolean connected;

    SocketIoSocket(HttpConfig config, ScheduledExecutorService timer, WebSockets registry,
            SocketIoDialect.Factory dialects) {
        this.config = config;
        this.timer = timer;
        this.registry = registry;
        this.dialect = dialects.create(this);
    }

    private static String sid() {
        byte[] b = new byte[15];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        frames = new TextFrames(session, config.writeTimeoutMillis(), config.settleMillis());
        registry.opened(frames);
        frames.send("0" + MAPPER.createObjectNode().put("sid", sid()).<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "upgrades", MAPPER.createArrayNode()).put("pingInterval", config.pingIntervalMillis())
                .put("pingTimeout", config.pingTimeoutMillis()).put("maxPayload", config.maxMessageBytes()));
        pinger = timer.scheduleAtFixedRate(this::ping, config.pingIntervalMillis(), config.pingIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Pings, and closes the socket unless this very ping is answered within pingTimeout. */
    private void ping() {
        long sent = System.nanoTime();
        frames.send("2");
        timer.schedule(() -> {
            if (pongSeen - sent < 0 && frames.session().isOpen()) {
                frames.close(StatusCode.NORMAL, "ping timeout");
            }
        }, config.pingTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String text) {
        if (text.isEmpty()) {
            protocolError("empty packet");
            return;
        }
        switch (text.charAt(0)) {
            case '1' -> frames.close(StatusCode.NORMAL, "");
            case '2' -> frames.send("3" + text.substring(1)); // an Engine.IO v3 habit; answering costs nothing
            case '3' -> pongSeen = System.nanoTime();
            case '4' -> socketIo(text.substring(1));
            default -> protocolError("unknown Engine.IO packet type " + text.charAt(0));
        }
    }

    private void socketIo(String packet) {
        if (packet.isEmpty()) {
            protocolError("empty Socket.IO packet");
            return;
        }
        char type = packet.charAt(0);
        String rest = packet.substring(1);
        if (rest.startsWith("/")) {
            int comma = rest.indexOf(',');
            String namespace = comma < 0 ? rest : rest.substring(0, comma);
            if (!namespace.equals("/")) {
                frames.send("44" + namespace + "," + MAPPER.createObjectNode()
                        .put("message", "Invalid namespace: only / is served"));
                return;
            }
            rest = comma < 0 ? "" : rest.substring(comma + 1);
        }
        int digits = 0;
        while (digits < rest.length() && digits < 18 && Character.isDigit(rest.charAt(digits))) {
            digits++;
        }
        Long ack = digits == 0 ? null : Long.valueOf(rest.substring(0, digits));
        String json = rest.substring(digits);
        switch (type) {
            case '0' -> connect(json);
            case '1' -> {
                connected = false;
                dialect.disconnected();
            }
            case '2' -> event(json, ack);
            case '3' -> LOG.log(System.Logger.Level.DEBUG, "Ignoring an ACK: this server asks for none");
            default -> protocolError("unsupported Socket.IO packet type " + type);
        }
    }

    private void connect(String json) {
        JsonNode auth = null;
        if (!json.isEmpty()) {
            try {
                auth = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                protocolError("CONNECT payload is not JSON");
                return;
            }
        }
        String refused = dialect.connecting(auth);
        if (refused != null) {
            frames.send("44" + MAPPER.createObjectNode().put("message", refused));
            return;
        }
        connected = true;
        frames.send("40" + MAPPER.createObjectNode().put("sid", sid()));
    }

    private void event(String json, Long ack) {
        if (!connected) {
            protocolError("EVENT before CONNECT");
            return;
        }
        JsonNode packet;
        try {
            packet = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            emit("error", MAPPER.getNodeFactory().textNode("Malformed event: not JSON"));
            return;
        }
        if (packet == null || !packet.isArray() || packet.isEmpty() || !packet.get(0).isTextual()) {
            emit("error", MAPPER.getNodeFactory().textNode("Malformed event: expected [\"name\", payload]"));
            return;
        }
        dialect.event(packet.get(0).asText(), packet.size() > 1 ? packet.get(1) : null, ack);
    }

    /** Sends {@code 42["name", payload]}. */
    boolean emit(String name, JsonNode payload) {
        return frames.send(event(name, payload));
    }

    /** An event carrying a stored message; {@code handover} learns whether the client kept it. */
    boolean emit(Handover handover, String name, JsonNode payload) {
        return frames.send(event(name, payload), handover);
    }

    private static String event(String name, JsonNode payload) {
        ArrayNode a = MAPPER.createArrayNode().add(name);
        if (payload != null) {
            a.add(payload);
        }
        return "42" + a;
    }

    /** Sends {@code 43<id>[args…]}. */
    void ack(long id, JsonNode... args) {
        ArrayNode a = MAPPER.createArrayNode();
        for (JsonNode n : args) {
            a.add(n);
        }
        frames.send("43" + id + a);
    }

    private void protocolError(String why) {
        LOG.log(System.Logger.Level.DEBUG, "Closing a Socket.IO client: " + why);
        frames.close(StatusCode.PROTOCOL, why);
    }

    void close() {
        frames.close(StatusCode.NORMAL, "");
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        protocolError("this dialect carries no binary attachments");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (pinger != null) {
            pinger.cancel(false);
        }
        registry.closed(frames);
        dialect.gone();
        if (frames != null) {
            frames.ended(statusCode);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "Socket.IO WebSocket error: " + cause);
    }
}
