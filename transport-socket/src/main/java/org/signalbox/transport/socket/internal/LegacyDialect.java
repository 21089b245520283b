package org.signalbox.transport.socket.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.InOrder;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;
import org.signalbox.api.transport.Peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One client of the legacy socket (seed 000, reference legacy-socket.md). Each line is an object of commands run in
 * key order, lines in the order they came; each command becomes JSON-RPC calls on this client's own single-account
 * engine connection, so the core's rules apply unchanged. Successful commands stay silent as in the original;
 * failures come back as {@code {"error": {command, message}}} lines, which old clients skip (no {@code envelope}).
 */
final class LegacyDialect implements Connection {

    private static final ObjectMapper MAPPER = LegacyEnvelope.MAPPER;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    private final Peer client;
    private final LocalClient rpc;
    private final String unavailable;
    /** Lines waiting for their commands; a client that sends faster than they run is read no further. */
    private final ExecutorService commands = InOrder.bounded(256, "legacy-commands");

    LegacyDialect(Peer client, JsonRpcEngine engine, Accounts accounts, String configured) {
        this.client = client;
        Optional<Account> account;
        if (!configured.isBlank()) {
            account = accounts.find(configured.strip());
            unavailable = account.isEmpty() ? "The configured account " + configured + " does not exist" : null;
        } else {
            List<Account> all = accounts.list();
            account = all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
            unavailable = all.size() == 1 ? null : all.isEmpty() ? "No account is registered"
                    : "Several accounts are registered: configure the account of the legacy socket";
        }
        this.rpc = account.isEmpty() ? null : engine.client(new Inner(), new ConnectionOptions(
                Optional.of(account.get().number()), true));
    }

    @Override
    public void receive(String line) {
        commands.execute(() -> run(line));
    }

    private void run(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode value;
        try {
            value = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            error(null, "Not JSON: " + e.getOriginalMessage());
            return;
        }
        if (!value.isObject()) {
            error(null, "A line holds one JSON object of commands");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> command = it.next();
            if (unavailable != null) {
                error(command.getKey(), unavailable);
                continue;
            }
            try {
                command(command.getKey(), command.getValue());
            } catch (Refused r) {
                error(command.getKey(), r.getMessage());
            }
        }
    }

    /** A command that cannot run as given; its text goes back to the client. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private void command(String name, JsonNode arg) throws Refused {
        switch (name) {
            case "sendMessage" -> sendMessage(object(arg));
            case "updateContacts" -> updateContacts(object(arg));
            case "trust" -> {
                for (JsonNode c : contacts(object(arg))) {
                    call("trust", MAPPER.createObjectNode().put("recipient", c.asText())
                            .put("trustAllKnownKeys", true));
                }
            }
            case "endSession" -> {
                ObjectNode p = MAPPER.createObjectNode().put("endSession", true);
                p.set("recipient", contacts(object(arg)));
                call("send", p);
            }
            case "getContacts" -> client.write(contactsReply(call("listContacts", MAPPER.createObjectNode()))
                    .toString());
            case "getGroups" -> client.write(groupsReply(call("listGroups", MAPPER.createObjectNode())).toString());
            default -> throw new Refused("unknown command");
        }
    }

    private static ObjectNode object(JsonNode arg) throws Refused {
        if (!arg.isObject()) {
            throw new Refused("expected an object");
        }
        return (ObjectNode) arg;
    }

    private static ArrayNode contacts(ObjectNode arg) throws Refused {
        JsonNode c = arg.path("contacts");
        if (!c.isArray() || c.isEmpty()) {
            throw new Refused("expected \"contacts\": [numbers]");
        }
        return (ArrayNode) c;
    }

    private void sendMessage(ObjectNode arg) throws Refused {
        JsonNode text = arg.path("message");
        if (!text.isTextual() || text.asText().isBlank()) {
            throw new Refused("expected a non-blank \"message\"");
        }
        if (arg.path("contacts").size() > 0) {
            ObjectNode p = MAPPER.createObjectNode().put("message", text.asText());
            p.set("recipient", arg.get("contacts"));
            call("send", p);
        }
        for (JsonNode group : arg.path("groups")) {
            call("send", MAPPER.createObjectNode().put("groupId", group.asText()).put("message", text.asText()));
        }
    }

    private void updateContacts(ObjectNode arg) throws Refused {
        for (Iterator<Map.Entry<String, JsonNode>> it = arg.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> contact = it.next();
            String number = contact.getKey();
            ObjectNode update = MAPPER.createObjectNode().put("recipient", number);
            List<String> unsupported = new java.util.ArrayList<>();
            Boolean blocked = null;
            for (Iterator<Map.Entry<String, JsonNode>> f = contact.getValue().fields(); f.hasNext();) {
                Map.Entry<String, JsonNode> field = f.next();
                JsonNode v = field.getValue();
                switch (field.getKey()) {
                    case "name" -> update.put("name", v.isNull() ? "" : v.asText());
                    case "messageExpirationTime" -> update.put("expiration", integer(field.getKey(), v));
                    case "blocked" -> blocked = bool(field.getKey(), v);
                    default -> unsupported.add(field.getKey());
                }
            }
            if (update.size() > 1) {
                call("updateContact", update);
            }
            if (blocked != null) {
                call(blocked ? "block" : "unblock", MAPPER.createObjectNode().set("recipient",
                        MAPPER.createArrayNode().add(number)));
            }
            if (!unsupported.isEmpty()) {
                error("updateContacts", number + ": not kept by Signalbox: " + String.join(", ", unsupported));
            }
        }
    }

    /** The original's lenient reading: {@code "true"}/{@code "false"} strings count. */
    private static boolean bool(String field, JsonNode v) throws Refused {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw new Refused(field + " must be true or false");
    }

    /** The original's lenient reading: numeric strings count. */
    private static long integer(String field, JsonNode v) throws Refused {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new Refused(field + " must be a whole number");
        }
    }

    /** 3.1: keyed by number (by UUID for a contact whose number is unknown). */
    private static ObjectNode contactsReply(JsonNode contacts) {
        ObjectNode out = MAPPER.createObjectNode();
        for (JsonNode c : contacts) {
            String key = c.path("number").isTextual() ? c.get("number").asText() : c.path("uuid").asText();
            ObjectNode o = out.putObject(key);
            o.set("name", c.path("name").isTextual() && !c.get("name").asText().isEmpty() ? c.get("name")
                    : MAPPER.nullNode());
            o.set("uuid", c.path("uuid"));
            o.set("color", c.path("color").isTextual() ? c.get("color") : MAPPER.nullNode());
            o.put("messageExpirationTime", c.path("messageExpirationTime").asInt());
            o.putNull("profileKey");
            o.put("blocked", c.path("isBlocked").asBoolean());
            o.putNull("inboxPosition");
            o.put("archived", c.path("isArchived").asBoolean());
        }
        return out;
    }

    /** 3.2: keyed by group id, with every member (the original kept one). */
    private static ObjectNode groupsReply(JsonNode groups) {
        ObjectNode out = MAPPER.createObjectNode();
        for (JsonNode g : groups) {
            ObjectNode o = out.putObject(g.path("id").asText());
            o.set("name", g.path("name").isTextual() ? g.get("name") : MAPPER.nullNode());
            o.putNull("color");
            o.put("messageExpirationTime", g.path("messageExpirationTime").asInt());
            o.put("blocked", g.path("isBlocked").asBoolean());
            o.putNull("inboxPosition");
            o.put("archived", false);
            o.put("avatarId", 0);
            ArrayNode members = o.putArray("members");
            for (JsonNode m : g.path("members")) {
                members.add(m.path("number").isTextual() ? m.get("number").asText() : m.path("uuid").asText());
            }
        }
        return out;
    }

    /** Runs one JSON-RPC request and returns its result; an error answer is refused with its message. */
    private JsonNode call(String method, ObjectNode params) throws Refused {
        Answer answer = rpc.call(method, params, CALL_TIMEOUT);
        if (answer.failed()) {
            throw new Refused(answer.failure().message());
        }
        return answer.result();
    }

    private void error(String command, String message) {
        ObjectNode e = MAPPER.createObjectNode();
        ObjectNode inner = e.putObject("error");
        if (command != null) {
            inner.put("command", command);
        }
        inner.put("message", message);
        client.write(e.toString());
    }

    @Override
    public void oversized(long limit) {
        commands.execute(() -> client.write(MAPPER.createObjectNode().set("error", MAPPER.createObjectNode()
                .put("message", "Line exceeds the limit of " + limit + " bytes and was dropped").put("limit", limit))
                .toString()));
    }

    @Override
    public boolean drain(long millis) throws InterruptedException {
        try {
            commands.submit(() -> {
            }).get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void closed() {
        commands.shutdownNow();
        if (rpc != null) {
            rpc.close();
        }
    }

    @Override
    public Session session() {
        return rpc == null ? null : rpc.session();
    }

    /** The engine's side: received messages turned into envelope lines. */
    private final class Inner implements LocalPeer {
        @Override
        public String transport() {
            return "legacy";
        }

        /** A received message: its envelope line carries the handover to the client's socket. */
        @Override
        public boolean notify(Notification notification, Handover handover) {
            if ("receive".equals(notification.event())) {
                return client.write(LegacyEnvelope.of(notification.payload()).toString(), handover);
            }
            handover.kept(); // this dialect has no line for other events
            return true;
        }

        @Override
        public void close() {
            client.close();
        }

        @Override
        public boolean local() {
            return client.local();
        }
    }
}
