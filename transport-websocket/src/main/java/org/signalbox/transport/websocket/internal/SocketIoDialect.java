package org.signalbox.transport.websocket.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.InOrder;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seed 002's channels on Signalbox. A socket acts for one account once it authenticates; a conversation is a
 * contact (number or UUID) or a group (its id). Every request becomes a JSON-RPC call on the socket's own engine
 * connection, so the core's rules apply unchanged; the automatic receive subscription brings incoming messages
 * and typing, emitted to the socket when it joined that conversation.
 */
final class SocketIoDialect implements LocalPeer {

    /**
     * What every socket of one transport instance shares; {@code automaticReceive} is the instance's receive mode
     * read once.
     */
    record Context(JsonRpcEngine engine, Accounts accounts, Access access, HttpConfig config, SocketIoRooms rooms,
            boolean automaticReceive) {
    }

    interface Factory {
        SocketIoDialect create(SocketIoSocket socket);
    }

    private static final ObjectMapper MAPPER = SocketIoSocket.MAPPER;
    private static final System.Logger LOG = System.getLogger("SocketIO");
    private static final Pattern CONTACT = Pattern.compile("\\+[0-9]+|[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    private final SocketIoSocket socket;
    private final Context context;
    private final boolean trusted;
    /** Events waiting to run; a client that emits faster than they run is read no further. */
    private final ExecutorService events = InOrder.bounded(256, "socketio-events");
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private volatile LocalClient connection;
    private volatile Account account;
    private boolean gone;

    SocketIoDialect(SocketIoSocket socket, Context context, boolean trusted) {
        this.socket = socket;
        this.context = context;
        this.trusted = trusted;
    }

    /** A CONNECT carrying {@code {token}} authenticates at once (Socket.IO v5); null lets the socket in. */
    String connecting(JsonNode auth) {
        if (auth != null && auth.hasNonNull("token")) {
            return bind(auth).orElse(null);
        }
        return null;
    }

    void event(String name, JsonNode data, Long ack) {
        // in order, off Jetty's thread: a send may take a while and must not stall this socket's pongs, and a
        // message emitted right after join_conversation must find the room joined
        events.execute(() -> {
            try {
                handle(name, data == null ? MAPPER.createObjectNode() : data, ack);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Socket.IO event " + name + " failed", e);
                reply(ack, false, "Internal error");
            }
        });
    }

    private void handle(String name, JsonNode data, Long ack) {
        switch (name) {
            case "authenticate" -> {
                Optional<String> refused = bind(data);
                reply(ack, refused.isEmpty(), refused.orElse("User authenticated"));
            }
            case "webrtc_join_room", "webrtc_leave_room", "webrtc_room_forward" -> {
                // accepted and ignored, as by the original server
            }
            case "join_circle", "leave_circle" -> reply(ack, false,
                    "Circles are not part of Signalbox: join a conversation (a contact or a group)");
            case "webrtc_stun_info", "webrtc_turn_info" -> {
                if (context.access().tokenRequired() && account == null) {
                    reply(ack, false, "Socket user not found: authenticate first");
                } else {
                    ArrayNode servers = iceServers(name.equals("webrtc_stun_info") ? "stun" : "turn");
                    socket.emit("webrtc_config", servers);
                    ack(ack, true, servers);
                }
            }
            case "join_conversation", "leave_conversation", "message", "writing", "webrtc_credentials",
                    "webrtc_forward" -> {
                if (account == null) {
                    reply(ack, false, "Socket user not found: authenticate first");
                    return;
                }
                switch (name) {
                    case "join_conversation" -> join(data, ack);
                    case "leave_conversation" -> leave(data, ack);
                    case "message" -> message(data, ack);
                    case "writing" -> writing(data, ack);
                    case "webrtc_credentials" -> credentials(ack);
                    default -> forward(data, ack);
                }
            }
            default -> reply(ack, false, "Unknown event '" + name + "'");
        }
    }

    /** Binds this socket to an account; the reason it cannot, if so. */
    private synchronized Optional<String> bind(JsonNode data) {
        if (gone) {
            return Optional.of("Socket closed"); // an event that was still running when the socket went away
        }
        String token = data.path("token").isTextual() ? data.path("token").asText() : null;
        Optional<String> subject = Optional.empty();
        if (context.access().tokenRequired()) {
            if (token == null) {
                return Optional.of("Token missing");
            }
            Optional<Access.Grant> grant = context.access().authenticate(token);
            if (grant.isEmpty()) {
                return Optional.of("Invalid token");
            }
            subject = grant.get().account();
        }
        String configured = context.config().account();
        Optional<String> wanted = subject.or(() -> data.path("account").isTextual()
                ? Optional.of(data.path("account").asText()) : Optional.empty())
                .or(() -> configured.isBlank() ? Optional.empty() : Optional.of(configured.strip()));
        Optional<Account> found;
        if (wanted.isPresent()) {
            found = context.accounts().find(wanted.get());
        } else {
            List<Account> all = context.accounts().list();
            found = all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
            if (all.size() > 1) {
                return Optional.of("Several accounts here: name one with \"account\"");
            }
        }
        if (found.isEmpty()) {
            return Optional.of("User not found");
        }
        disconnected();
        account = found.get();
        context.rooms().authenticated(account.number(), this);
        connection = context.engine().client(this, new ConnectionOptions(Optional.of(account.number()),
                context.automaticReceive()));
        return Optional.empty();
    }

    private static String conversation(JsonNode data) {
        JsonNode id = data.path("conversation_id");
        return id.isTextual() || id.isNumber() ? id.asText() : null;
    }

    private static boolean isContact(String conversation) {
        return CONTACT.matcher(conversation).matches();
    }

    private void join(JsonNode data, Long ack) {
        String id = conversation(data);
        if (id == null) {
            reply(ack, false, "Parameter conversation_id missing");
            return;
        }
        if (!isContact(id)) {
            Answer groups = call("listGroups", MAPPER.createObjectNode().set("groupId",
                    MAPPER.createArrayNode().add(id)));
            boolean member = false;
            for (JsonNode g : groups.result()) {
                member |= id.equals(g.path("id").asText()) && g.path("isMember").asBoolean();
            }
            if (!member) {
                reply(ack, false, "You are not part of this conversation");
                return;
            }
        }
        joined.add(id);
        context.rooms().join(account.number(), id, this);
        reply(ack, true, "Joined conversation_" + id);
    }

    private void leave(JsonNode data, Long ack) {
        String id = conversation(data);
        if (id == null) {
            reply(ack, false, "Parameter conversation_id missing");
            return;
        }
        joined.remove(id);
        context.rooms().leave(account.number(), id, this);
        reply(ack, true, "Left the conversation");
    }

    private ObjectNode target(String conversation) {
        ObjectNode p = MAPPER.createObjectNode();
        if (isContact(conversation)) {
            p.set("recipient", MAPPER.createArrayNode().add(conversation));
        } else {
            p.put("groupId", conversation);
        }
        return p;
    }

    private void message(JsonNode data, Long ack) {
        String id = conversation(data);
        if (id == null) {
            reply(ack, false, "Parameter conversation_id missing");
            return;
        }
        if (data.path("files").size() > 0) {
            reply(ack, false, "files are not supported here: send attachments with the JSON-RPC send method");
            return;
        }
        String text = data.path("text_message").asText("");
        Answer response = call("send", target(id).put("message", text));
        if (failed(response, ack)) {
            return;
        }
        long timestamp = response.result().path("timestamp").asLong();
        ObjectNode success = MAPPER.createObjectNode().put("received", true).put("message_id", timestamp);
        reply(ack, true, success);
        ObjectNode sender = MAPPER.createObjectNode().put("number", account.number())
                .put("uuid", account.uuid().toString());
        ObjectNode broadcast = messageEvent(id, timestamp, text, 0, sender);
        context.rooms().room(account.number(), id).forEach(s -> s.socket.emit("message", broadcast));
    }

    private void writing(JsonNode data, Long ack) {
        String id = conversation(data);
        if (id == null) {
            reply(ack, false, "Parameter conversation_id missing");
            return;
        }
        JsonNode flag = data.path("is_writing");
        // the original sent "True"/"False" strings; both spellings are read, a JSON boolean is written
        boolean writing = flag.isBoolean() ? flag.asBoolean() : flag.asText().equalsIgnoreCase("true");
        Answer response = call("sendTyping", target(id).put("stop", !writing));
        if (failed(response, ack)) {
            return;
        }
        ack(ack, true, MAPPER.getNodeFactory().booleanNode(true));
        ObjectNode event = MAPPER.createObjectNode().put("conversation_id", id).put("device", false)
                .put("user", account.number()).put("is_writing", writing);
        context.rooms().room(account.number(), id).forEach(s -> s.socket.emit("writing", event));
    }

    private void credentials(Long ack) {
        HttpConfig c = context.config();
        if (c.turnSecret().isEmpty()) {
            reply(ack, false, "No TURN server is configured (turnSecret)");
            return;
        }
        List<String> turn = List.of(c.iceUris()).stream().filter(u -> u.startsWith("turn")).toList();
        TurnCredentials t = TurnCredentials.issue(c.turnSecret(), account.uuid().toString(),
                Instant.now().getEpochSecond(), c.turnTtlSeconds(), turn);
        ObjectNode out = MAPPER.valueToTree(t);
        socket.emit("webrtc_config", out);
        ack(ack, true, out);
    }

    /** ICE servers of one kind, with the original's {domain, ip, port} beside the WebRTC {@code urls}. */
    private ArrayNode iceServers(String scheme) {
        ArrayNode out = MAPPER.createArrayNode();
        for (String uri : context.config().iceUris()) {
            if (!uri.startsWith(scheme)) {
                continue;
            }
            String rest = uri.substring(uri.indexOf(':') + 1).split("\\?", 2)[0];
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? rest : rest.substring(0, colon);
            int port = colon < 0 ? (uri.startsWith("turns") ? 5349 : 3478) : Integer.parseInt(rest.substring(colon + 1));
            out.addObject().put("urls", uri).put("domain", host).put("ip", host).put("port", port);
        }
        return out;
    }

    private void forward(JsonNode data, Long ack) {
        String to = null;
        for (String key : List.of("number", "uuid", "user_id", "email")) {
            if (data.path(key).isValueNode() && !data.path(key).isNull()) {
                to = data.path(key).asText();
                break;
            }
        }
        Optional<Account> target = to == null ? Optional.empty() : context.accounts().find(to);
        Set<SocketIoDialect> sockets = target.map(a -> context.rooms().of(a.number())).orElse(Set.of());
        ObjectNode event = MAPPER.createObjectNode().put("sender_id", account.number()).put("is_device", false);
        event.set("content", data);
        int sent = 0;
        for (SocketIoDialect s : sockets) {
            sent += s.socket.emit("webrtc_forward", event) ? 1 : 0;
        }
        // one answer whether the target is unknown or offline: the original told strangers which it was
        reply(ack, sent > 0, sent > 0 ? "Message forwarded" : "Not delivered");
    }

    private boolean failed(Answer response, Long ack) {
        if (!response.failed()) {
            return false;
        }
        reply(ack, false, response.failure().message());
        return true;
    }

    /** The original's {@code success}/{@code error} event; an ack too when the client asked for one. */
    private void reply(Long ack, boolean ok, Object payload) {
        JsonNode node = MAPPER.valueToTree(payload);
        socket.emit(ok ? "success" : "error", node);
        ack(ack, ok, node);
    }

    /** Acks follow Node's callback convention: {@code [null, result]} or {@code [{"message": …}]}. */
    private void ack(Long ack, boolean ok, JsonNode payload) {
        if (ack == null) {
            return;
        }
        if (ok) {
            socket.ack(ack, MAPPER.nullNode(), payload);
        } else {
            socket.ack(ack, MAPPER.createObjectNode().set("message", payload));
        }
    }

    /** Runs one JSON-RPC request on this socket's session and waits for its answer. */
    private Answer call(String method, ObjectNode params) {
        LocalClient c = connection;
        return c == null ? Answer.failed(RpcError.IO.code(), "The socket is not authenticated")
                : c.call(method, params, CALL_TIMEOUT);
    }

    @Override
    public String transport() {
        return "socketio";
    }

    /** The engine's output: notifications turned into events. */
    @Override
    public boolean notify(Notification notification, Handover handover) {
        if ("receive".equals(notification.event())) {
            return received(notification.payload().path("envelope"), handover);
        }
        return nothing(handover);
    }

    /**
     * An incoming envelope: messages, edits, deletes, reactions, receipts and typing of a joined conversation as room
     * events; a message or reaction of a conversation not joined as a direct {@code conversation} event, so nothing
     * taken from the store is silently dropped; a group's update as a direct {@code conversation} event, as seed
     * 002's "info update". Other content (call messages, expiry timers alone) has no event in this dialect.
     */
    private boolean received(JsonNode envelope, Handover handover) {
        if (envelope.has("receiptMessage")) {
            return receipt(envelope, handover);
        }
        JsonNode data = envelope.path("dataMessage");
        JsonNode edit = envelope.path("editMessage").path("dataMessage");
        JsonNode typing = envelope.path("typingMessage");
        JsonNode content = !data.isMissingNode() ? data : edit;
        String group = !content.isMissingNode() ? content.path("groupInfo").path("groupId").asText(null)
                : typing.path("groupId").asText(null);
        String number = envelope.path("sourceNumber").asText(null);
        String uuid = envelope.path("sourceUuid").asText(null);
        String room = group != null ? (joined.contains(group) ? group : null) : joinedPerson(number, uuid);
        String conversationId = group != null ? group : number != null ? number : uuid;
        ObjectNode sender = MAPPER.createObjectNode().put("number", number).put("uuid", uuid)
                .put("name", envelope.path("sourceName").asText(null));
        if (!typing.isMissingNode()) {
            if (room != null) {
                return socket.emit(handover, "writing", MAPPER.createObjectNode().put("conversation_id", room)
                        .put("device", false).put("user", number)
                        .put("is_writing", "STARTED".equals(typing.path("action").asText())));
            }
            return nothing(handover);
        }
        if (content.isMissingNode()) {
            return nothing(handover);
        }
        if (room != null && !edit.isMissingNode()) {
            return socket.emit(handover, "message", MAPPER.createObjectNode().put("conversation_id", room)
                    .put("message_id", envelope.path("editMessage").path("targetSentTimestamp").asLong())
                    .put("event", "update").put("message", edit.path("message").asText("")));
        }
        if (room != null && content.has("remoteDelete")) {
            return socket.emit(handover, "message", MAPPER.createObjectNode().put("conversation_id", room)
                    .put("message_id", content.path("remoteDelete").path("timestamp").asLong())
                    .put("event", "delete"));
        }
        if (content.has("reaction")) {
            JsonNode r = content.get("reaction");
            ObjectNode event = MAPPER.createObjectNode().put("conversation_id", room != null ? room : conversationId)
                    .put("message_id", r.path("targetSentTimestamp").asLong()).put("event", "reaction")
                    .put("emoji", r.path("emoji").asText()).put("remove", r.path("isRemove").asBoolean());
            event.set("sender", sender);
            return socket.emit(handover, room != null ? "message" : "conversation", event);
        }
        if ("UPDATE".equals(content.path("groupInfo").path("type").asText()) && content.path("message").isNull()) {
            JsonNode g = content.get("groupInfo");
            ObjectNode event = MAPPER.createObjectNode().put("conversation_id", group).put("event", "update")
                    .put("name", g.path("groupName").asText(null)).put("revision", g.path("revision").asInt());
            event.set("sender", sender);
            return socket.emit(handover, "conversation", event);
        }
        if (!content.has("message") || content.path("message").isNull()) {
            return nothing(handover); // expiry timers and the like: no event here
        }
        ObjectNode event = messageEvent(room != null ? room : conversationId, content.path("timestamp").asLong(),
                content.path("message").asText(), content.path("attachments").size(), sender);
        if (room != null) {
            return socket.emit(handover, "message", event);
        }
        event.put("event", "message");
        return socket.emit(handover, "conversation", event);
    }

    /**
     * A receipt, to the room of the conversation with its sender: one {@code message} event per message it names,
     * {@code event: "receipt"}, {@code status} delivered, read or viewed (seed 002's message {@code status} and
     * {@code read}). A receipt for a conversation not joined has nothing to update and no event.
     */
    private boolean receipt(JsonNode envelope, Handover handover) {
        JsonNode r = envelope.get("receiptMessage");
        String number = envelope.path("sourceNumber").asText(null);
        String uuid = envelope.path("sourceUuid").asText(null);
        String room = joinedPerson(number, uuid);
        if (room == null) {
            return nothing(handover);
        }
        String status = r.path("isDelivery").asBoolean() ? "delivered" : r.path("isRead").asBoolean() ? "read"
                : "viewed";
        ArrayNode events = MAPPER.createArrayNode();
        for (JsonNode timestamp : r.path("timestamps")) {
            events.addObject().put("conversation_id", room).put("message_id", timestamp.asLong())
                    .put("event", "receipt").put("status", status).put("user", number != null ? number : uuid)
                    .put("time", r.path("when").asLong());
        }
        if (events.isEmpty()) {
            return nothing(handover);
        }
        // the handover goes with the last: the receipt leaves the store once all its events are out
        for (int i = 0; i < events.size() - 1; i++) {
            socket.emit("message", events.get(i));
        }
        return socket.emit(handover, "message", events.get(events.size() - 1));
    }

    /** The room of the conversation with a person, by number or UUID, if the socket joined it. */
    private String joinedPerson(String number, String uuid) {
        return number != null && joined.contains(number) ? number
                : uuid != null && joined.contains(uuid) ? uuid : null;
    }

    /** Content this dialect has no event for leaves the store as signal-cli's clients would skip it. */
    private static boolean nothing(Handover handover) {
        handover.kept();
        return true;
    }

    /** Seed 002's {@code message} room event: {conversation_id, message, time, sender, media_list, status}. */
    private static ObjectNode messageEvent(String conversation, long timestamp, String text, int attachments,
            ObjectNode sender) {
        String time = LocalDateTime.ofInstant(Instant.ofEpochMilli(timestamp), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode e = MAPPER.createObjectNode().put("conversation_id", conversation);
        e.putObject("message").put("id", timestamp).put("sent", time).putNull("read").put("content", text)
                .put("medias", attachments);
        e.put("time", time);
        e.set("sender", sender);
        e.putArray("media_list");
        e.put("status", "done");
        return e;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public boolean local() {
        return trusted;
    }

    /** The WebSocket closed: nothing binds this socket any more. */
    synchronized void gone() {
        gone = true;
        events.shutdown();
        disconnected();
    }

    /** The socket went away or left the namespace: out of its rooms, its account and its engine connection. */
    synchronized void disconnected() {
        Account a = account;
        if (a != null) {
            joined.forEach(id -> context.rooms().leave(a.number(), id, this));
            context.rooms().signedOff(a.number(), this);
        }
        joined.clear();
        LocalClient c = connection;
        connection = null;
        account = null;
        if (c != null) {
            c.close();
        }
    }
}
