package org.signalbox.transport.websocket.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Socket.IO over one {@link EngineSession}: the CONNECT handshake on {@code /}, EVENT and ACK packets, in
 * protocol v5 (Engine.IO v4 clients, socket.io-client 3.x and 4.x) or v4 (Engine.IO v3, socket.io-client 1.x
 * and 2.x, which are connected to {@code /} without asking and authenticate by query). What the events mean is
 * {@link SocketIoDialect}'s business.
 */
final class SocketIoSocket {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("SocketIO");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineSession session;
    private final SocketIoDialect dialect;
    private volatile boolean connected;

    SocketIoSocket(EngineSession session, SocketIoDialect.Factory dialects) {
        this.session = session;
        this.dialect = dialects.create(this);
    }

    /** Engine.IO sids let a poll read a socket's messages: they must not be guessable. */
    static String sid() {
        byte[] b = new byte[15];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Protocol v4: the client waits for a CONNECT to {@code /}; a {@code token} query authenticates at once. */
    void connectedUnasked(Map<String, String> query) {
        ObjectNode auth = null;
        if (query.containsKey("token")) {
            auth = MAPPER.createObjectNode().put("token", query.get("token"));
            if (query.containsKey("account")) {
                auth.put("account", query.get("account"));
            }
        }
        connect(auth);
    }

    /** One Socket.IO packet (an Engine.IO message). */
    void packet(String packet) {
        if (packet.isEmpty()) {
            session.protocolError("empty Socket.IO packet");
            return;
        }
        char type = packet.charAt(0);
        String rest = packet.substring(1);
        if (rest.startsWith("/")) {
            int comma = rest.indexOf(',');
            String namespace = comma < 0 ? rest : rest.substring(0, comma);
            if (!namespace.equals("/")) {
                send("44" + namespace + "," + MAPPER.createObjectNode()
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
            default -> session.protocolError("unsupported Socket.IO packet type " + type);
        }
    }

    private void connect(String json) {
        JsonNode auth = null;
        if (!json.isEmpty()) {
            try {
                auth = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                session.protocolError("CONNECT payload is not JSON");
                return;
            }
        }
        connect(auth);
    }

    /** v5 answers with a Socket.IO sid and refuses with {@code {message}}; v4 answers bare and refuses with text. */
    private void connect(JsonNode auth) {
        String refused = dialect.connecting(auth);
        boolean v5 = session.protocol == 4;
        if (refused != null) {
            send("44" + (v5 ? MAPPER.createObjectNode().put("message", refused)
                    : MAPPER.getNodeFactory().textNode(refused)));
            return;
        }
        connected = true;
        send(v5 ? "40" + MAPPER.createObjectNode().put("sid", sid()) : "40");
    }

    private void event(String json, Long ack) {
        if (!connected) {
            session.protocolError("EVENT before CONNECT");
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
        return send("4" + event(name, payload));
    }

    /** An event carrying a stored message; {@code handover} learns whether the client kept it. */
    boolean emit(Handover handover, String name, JsonNode payload) {
        return session.send("4" + event(name, payload), handover);
    }

    private static String event(String name, JsonNode payload) {
        ArrayNode a = MAPPER.createArrayNode().add(name);
        if (payload != null) {
            a.add(payload);
        }
        return "2" + a;
    }

    /** Sends {@code 43<id>[args…]}. */
    void ack(long id, JsonNode... args) {
        ArrayNode a = MAPPER.createArrayNode();
        for (JsonNode n : args) {
            a.add(n);
        }
        send("43" + id + a);
    }

    /** One Socket.IO packet, {@code 4} and all. */
    private boolean send(String packet) {
        return session.send(packet, null);
    }

    void close() {
        session.close(StatusCode.NORMAL, "server closed");
    }

    /** The Engine.IO socket is over. */
    void gone() {
        dialect.gone();
    }
}
