package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signalbox.conformance.LineSockets.answer;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The legacy socket dialect (seed 000) of the full distribution, with two bots that behave as the two known clients
 * of the original do (src/test/python, written from reference legacy-socket.md §6) and a raw client: several
 * clients at once, envelopes kept while none is connected, commands in key order, every group member, JSON-only
 * output, UTF-8 both ways.
 */
class LegacySocketTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BOT = "+15550001111";
    private static final String HUMAN = "+15550002222";
    private static Path full;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    /** A bot as a child process; its stdout lines are collected. */
    private static final class Bot implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Bot(String script, String envName, String envValue, Path log) throws Exception {
            ProcessBuilder pb = new ProcessBuilder("python3", "-u", Path.of("src/test/python", script).toString());
            pb.environment().put(envName, envValue);
            process = pb.redirectError(log.toFile()).start();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (java.io.IOException e) {
                    lines.add("io " + e.getMessage());
                }
            });
        }

        void await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(1, TimeUnit.SECONDS);
                if (l != null && l.startsWith(prefix)) {
                    return;
                }
                assertThat(process.isAlive()).as("the bot still runs (a non-JSON line would have crashed it)")
                        .isTrue();
            }
            throw new AssertionError("the bot never printed " + prefix);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private int id = 1000;

    private JsonNode call(SocketChannel tcp, BufferedReader in, String method, String params) throws Exception {
        write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + (++id)
                + "}");
        JsonNode a = answer(in, id);
        assertThat(a.has("result")).as(method + " " + a).isTrue();
        return a.get("result");
    }

    /**
     * The next line that {@code wanted} accepts. Every client of the dialect gets every envelope of the account
     * among its replies, in no fixed order with them: the DELIVERY receipts the human's side sends for the bot's
     * answers, and around the session reset of {@code trustall} perhaps an envelope that failed to decrypt.
     */
    private static JsonNode next(BufferedReader in, Predicate<JsonNode> wanted) throws Exception {
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            JsonNode n = MAPPER.readTree(l);
            if (wanted.test(n)) {
                return n;
            }
            System.err.println("passed over: " + l);
        }
        throw new AssertionError("the connection ended");
    }

    /** A reply: a line without an envelope (an error reply never has one). */
    private static JsonNode reply(BufferedReader in) throws Exception {
        return next(in, n -> !n.has("envelope"));
    }

    /** Every text the human received so far. */
    private final List<String> seen = new ArrayList<>();

    /** The human's messages (manual receive), until one has {@code text}; every text seen so far is returned. */
    private List<String> humanReceives(SocketChannel tcp, BufferedReader in, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.contains(text) && System.nanoTime() < deadline) {
            for (JsonNode e : call(tcp, in, "receive", "{\"account\":\"" + HUMAN + "\",\"timeout\":2}")) {
                JsonNode m = e.path("envelope").path("dataMessage").path("message");
                if (m.isTextual()) {
                    seen.add(m.asText());
                }
            }
        }
        assertThat(seen).as("what the human received").contains(text);
        return seen;
    }

    @Test
    void theKnownBotsRunUnchangedAndTheOriginalsDefectsAreGone() throws Exception {
        int tcpPort = freePort();
        int flagPort = freePort();
        Process daemon = new ProcessBuilder(full.resolve("bin/signalbox").toString(), "--config",
                dir.resolve("data").toString(), "daemon", "--tcp", "127.0.0.1:" + tcpPort, "--legacy-socket",
                "127.0.0.1:" + flagPort, "--receive-mode", "manual", "--no-receive-stdout")
                .redirectError(dir.resolve("daemon.stderr").toFile()).start();
        try (SocketChannel tcp = connect(loopback(tcpPort), Duration.ofSeconds(60)); BufferedReader in = reader(tcp)) {
            for (String n : List.of(BOT, HUMAN)) {
                call(tcp, in, "register", "{\"account\":\"" + n + "\"}");
                call(tcp, in, "verify", "{\"account\":\"" + n + "\",\"verificationCode\":\"1\"}");
            }
            // the flag's instance serves no account of its own: with two accounts it says so, as JSON
            try (SocketChannel raw = connect(loopback(flagPort), Duration.ofSeconds(10));
                    BufferedReader rawIn = reader(raw)) {
                write(raw, "{\"getContacts\":\"\"}");
                assertThat(MAPPER.readTree(rawIn.readLine()).get("error").get("message").asText())
                        .startsWith("Several accounts are registered");
            }
            int port = Integer.parseInt(call(tcp, in, "startTransport", "{\"kind\":\"legacy\",\"legacy\":"
                    + "\"127.0.0.1:0\",\"settings\":{\"account\":\"" + BOT + "\"}}").get("name").asText()
                    .replaceAll(".*:", ""));

            // sent while no client is connected: kept for the first one
            call(tcp, in, "send", "{\"account\":\"" + HUMAN + "\",\"recipient\":[\"" + BOT + "\"],\"message\":\"love\"}");
            try (Bot love = new Bot("love_bot.py", "LEGACY_PORT", Integer.toString(port), dir.resolve("love.err"))) {
                love.await("connected");
                love.await("answered " + HUMAN);
                humanReceives(tcp, in, "From Russia with love");
                try (Bot watchdog = new Bot("watchdog_bot.py", "SIGNAL_CLI", "127.0.0.1:" + port,
                        dir.resolve("watchdog.err"))) {
                    watchdog.await("connected");
                    call(tcp, in, "send", "{\"account\":\"" + HUMAN + "\",\"recipient\":[\"" + BOT
                            + "\"],\"message\":\"status\"}");
                    watchdog.await("answered status");
                    love.await("received \"status\""); // every client gets every envelope
                    List<String> got = humanReceives(tcp, in, "Status: all nodes up \u00e9t\u00e9");
                    assertThat(got).contains("Welcome \u2713\nYou are subscribed to alerts.");

                    call(tcp, in, "send", "{\"account\":\"" + HUMAN + "\",\"recipient\":[\"" + BOT
                            + "\"],\"message\":\"trustall\"}");
                    watchdog.await("trustall");
                    humanReceives(tcp, in, "Trusted all, sessions reset");
                    // the session was reset by endSession: the next messages still flow both ways
                    call(tcp, in, "send", "{\"account\":\"" + HUMAN + "\",\"recipient\":[\"" + BOT
                            + "\"],\"message\":\"help\"}");
                    watchdog.await("answered help");
                    humanReceives(tcp, in, "Commands:\nhelp, unsubscribe, contacts, trustall, status");
                    assertThat(love.process.isAlive()).isTrue();
                    assertThat(watchdog.process.isAlive()).isTrue();
                }
            }

            String group = call(tcp, in, "updateGroup", "{\"account\":\"" + BOT + "\",\"name\":\"Watchdogs\","
                    + "\"member\":[\"" + HUMAN + "\"]}").get("groupId").asText();
            try (SocketChannel raw = connect(loopback(port), Duration.ofSeconds(10));
                    BufferedReader rawIn = reader(raw)) {
                write(raw, "{\"getGroups\":\"\",\"bogus\":1,\"sendMessage\":{\"contacts\":[\"" + HUMAN
                        + "\"],\"message\":\"gr\u00fc\u00dfe \u263a\"}}");
                JsonNode groups = reply(rawIn);
                assertThat(groups.has(group)).as("getGroups answers %s", groups).isTrue();
                assertThat(groups.get(group).get("name").asText()).isEqualTo("Watchdogs");
                assertThat(groups.get(group).get("members")).extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder(BOT, HUMAN);
                JsonNode unknown = reply(rawIn);
                assertThat(unknown.get("error").get("command").asText()).isEqualTo("bogus");
                assertThat(unknown.get("error").get("message").asText()).isEqualTo("unknown command");
                humanReceives(tcp, in, "gr\u00fc\u00dfe \u263a");

                // the seed's own example, lenient "false" string included
                write(raw, "{\"updateContacts\":{\"" + HUMAN + "\":{\"name\":\"NewName\",\"color\":\"\","
                        + "\"messageExpirationTime\":555000,\"blocked\":\"false\",\"inboxPosition\":2,"
                        + "\"archived\":true}},\"getContacts\":\"\"}");
                assertThat(reply(rawIn).get("error").get("message").asText())
                        .isEqualTo(HUMAN + ": not kept by Signalbox: color, inboxPosition, archived");
                JsonNode contacts = reply(rawIn);
                assertThat(contacts.get(HUMAN).get("name").asText()).isEqualTo("NewName");
                assertThat(contacts.get(HUMAN).get("uuid").asText()).isNotBlank();
                assertThat(contacts.get(HUMAN).get("messageExpirationTime").asInt()).isEqualTo(555000);
                assertThat(contacts.get(HUMAN).get("blocked").asBoolean()).isFalse();
                write(raw, "not json");
                assertThat(reply(rawIn).get("error").get("message").asText())
                        .startsWith("Not JSON");

                // an envelope as the original shaped it
                call(tcp, in, "send", "{\"account\":\"" + HUMAN + "\",\"recipient\":[\"" + BOT
                        + "\"],\"message\":\"shape\"}");
                JsonNode line = next(rawIn, n -> n.path("envelope").path("dataMessage").isObject());
                assertThat(line.fieldNames()).toIterable().containsExactly("envelope");
                assertThat(line.get("envelope").fieldNames()).toIterable().containsExactly("source", "sourceDevice",
                        "relay", "timestamp", "isReceipt", "dataMessage", "syncMessage", "callMessage",
                        "receiptMessage");
                assertThat(line.get("envelope").get("source").asText()).isEqualTo(HUMAN);
                assertThat(line.get("envelope").get("dataMessage").get("message").asText()).isEqualTo("shape");
                assertThat(line.get("envelope").get("dataMessage").get("attachments")).isEmpty();
                assertThat(line.get("envelope").get("dataMessage").get("groupInfo").isNull()).isTrue();
            }
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
            daemon.destroyForcibly();
        }
    }
}
