package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.Peer;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.methods.GetAttachment;
import org.signalbox.core.messaging.internal.methods.GetUserStatus;
import org.signalbox.core.messaging.internal.methods.ListGroups;
import org.signalbox.core.messaging.internal.methods.ListIdentities;
import org.signalbox.core.messaging.internal.methods.QuitGroup;
import org.signalbox.core.messaging.internal.methods.Receive;
import org.signalbox.core.messaging.internal.methods.Register;
import org.signalbox.core.messaging.internal.methods.RemoteDelete;
import org.signalbox.core.messaging.internal.methods.Send;
import org.signalbox.core.messaging.internal.methods.SendReaction;
import org.signalbox.core.messaging.internal.methods.SendReceipt;
import org.signalbox.core.messaging.internal.methods.SendTyping;
import org.signalbox.core.messaging.internal.methods.SendTypingIndicator;
import org.signalbox.core.messaging.internal.methods.SetPin;
import org.signalbox.core.messaging.internal.methods.SubscribeReceive;
import org.signalbox.core.messaging.internal.methods.Trust;
import org.signalbox.core.messaging.internal.methods.UpdateGroup;
import org.signalbox.core.messaging.internal.methods.Verify;
import org.signalbox.core.engine.internal.JsonRpcEngineImpl;
import org.signalbox.storage.sqlite.internal.SqliteStorageBackend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A daemon's core wired by hand as Declarative Services wires it in Felix (SQLite storage, the JSON-RPC engine,
 * the messaging methods), with one client connection whose lines a test reads.
 */
final class TestDaemon implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final AccountManager accounts = new AccountManager();
    final JsonRpcEngineImpl engine;
    final Messengers messengers;
    final ContentListeners listeners = new ContentListeners();
    final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Connection client;

    TestDaemon(Path dir, URI server, boolean automaticReceive) throws Exception {
        this(dir, server, automaticReceive, false);
    }

    /** With {@code sendReadReceipts}: as {@code jsonRpc --send-read-receipts}. */
    TestDaemon(Path dir, URI server, boolean automaticReceive, boolean sendReadReceipts) throws Exception {
        this(dir, server, automaticReceive, new ReceiveOptions(sendReadReceipts, false));
    }

    /** With the receive options of {@code jsonRpc}. */
    TestDaemon(Path dir, URI server, boolean automaticReceive, ReceiveOptions options) throws Exception {
        accounts.configure(dir, new SqliteStorageBackend(), true);
        engine = new JsonRpcEngineImpl(accounts);
        Delivery delivery = new Delivery(accounts);
        delivery.setEvents(engine);
        engine.addListener(delivery);
        messengers = new Messengers(accounts, delivery, listeners);
        messengers.configure(server, dir, options);
        engine.addMethod(new Register(accounts));
        engine.addMethod(new Verify(accounts, messengers));
        engine.addMethod(new SetPin.Set(messengers));
        engine.addMethod(new Send(messengers));
        engine.addMethod(new SendReceipt(messengers));
        engine.addMethod(new SendTyping(messengers));
        engine.addMethod(new SendTypingIndicator(messengers));
        engine.addMethod(new SendReaction(messengers));
        engine.addMethod(new RemoteDelete(messengers));
        engine.addMethod(new Trust(messengers));
        engine.addMethod(new ListIdentities());
        engine.addMethod(new ListGroups());
        engine.addMethod(new UpdateGroup(messengers));
        engine.addMethod(new QuitGroup(messengers));
        engine.addMethod(new GetUserStatus(messengers));
        engine.addMethod(new GetAttachment(messengers));
        engine.addMethod(new Receive(messengers, delivery));
        engine.addMethod(new SubscribeReceive());
        messengers.receiveAll();
        client = engine.open(new Peer() {
            @Override
            public String transport() {
                return "test";
            }

            @Override
            public boolean write(String json) {
                try {
                    lines.add(MAPPER.readTree(json));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return true;
            }

            @Override
            public void close() {
            }
        }, new ConnectionOptions(Optional.empty(), automaticReceive));
    }

    /** Registers and verifies {@code number} with the server; returns its UUID. */
    String register(String number) throws Exception {
        return register(number, "");
    }

    /** The same, bringing the number's registration lock {@code pin} (for a number another identity holds). */
    String register(String number, String pin) throws Exception {
        assertThat(call(number, "register", "{}").has("error")).isFalse();
        JsonNode verified = call(number, "verify", "{\"verificationCode\":\"123456\",\"pin\":\"" + pin + "\"}");
        assertThat(verified.has("error")).as(verified.toString()).isFalse();
        return accounts.find(number).orElseThrow().uuid().toString();
    }

    /** Sends a request and returns its id without waiting; its response comes among {@link #lines}. */
    int request(String account, String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        var p = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(params);
        if (account != null) {
            p.put("account", account);
        }
        client.receive("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + p + ",\"id\":" + id + "}");
        return id;
    }

    /** Sends a request and returns its response (notifications on the way are kept for {@link #notification}). */
    JsonNode call(String account, String method, String params) throws Exception {
        int id = request(account, method, params);
        long deadline = System.currentTimeMillis() + 30_000;
        java.util.List<JsonNode> skipped = new java.util.ArrayList<>();
        try {
            while (System.currentTimeMillis() < deadline) {
                JsonNode line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.path("id").asInt(-1) == id) {
                    return line;
                }
                if (line != null) {
                    skipped.add(line);
                }
            }
        } finally {
            lines.addAll(skipped);
        }
        throw new AssertionError("no answer to " + method + " within 30 s");
    }

    /** The next {@code receive} notification's params matching {@code which}, within 20 s. */
    JsonNode notification(Predicate<JsonNode> which) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && "receive".equals(line.path("method").asText()) && which.test(line.get("params"))) {
                return line.get("params");
            }
        }
        throw new AssertionError("no matching receive notification within 20 s");
    }

    @Override
    public void close() {
        messengers.close();
        engine.deactivate();
        accounts.close();
    }
}
