package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signalbox.conformance.LineSockets.answer;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;
import static org.signalbox.conformance.NodePeer.emit;

import java.io.BufferedReader;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seed 002's dialect as web pages reach it: socket.io-client of every line from npm (1.x and 2.x speak Engine.IO
 * v3 and Socket.IO v4, 3.x and 4.x Engine.IO v4 and Socket.IO v5), with their own default (long-polling, then the
 * upgrade to a WebSocket), with long-polling alone and with a WebSocket alone; and seed 002's chat page with
 * socket.io 1.3.6 in headless Chromium, on another origin, authenticating with a JWT. Each talks to account B,
 * a socket.io-client 4 WebSocket, both ways, in text beyond ASCII (which v3's polling carries as UTF-8 byte
 * strings in 1.x and as text in 2.x).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoClientsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String A = "+15550001111";
    private static final String B = "+15550002222";
    private static final String SECRET = "a-jwt-secret-of-at-least-32-bytes!!";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Process daemon;
    private SocketChannel tcp;
    private BufferedReader in;
    private int nextId = 100;
    private String open;
    private NodePeer b;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        int tcpPort = freePort();
        daemon = Daemons.start(Assembled.distributions().resolve("signalbox-full"), dir.resolve("data"),
                dir.resolve("daemon.log"), List.of(), "--tcp", "127.0.0.1:" + tcpPort);
        tcp = connect(loopback(tcpPort), Duration.ofSeconds(60));
        in = reader(tcp);
        for (String n : List.of(A, B)) {
            call("register", MAPPER.createObjectNode().put("account", n));
            call("verify", MAPPER.createObjectNode().put("account", n).put("verificationCode", "1"));
        }
        open = startHttp(MAPPER.createObjectNode());
        // authenticated by the CONNECT payload; with no token configured any token will do
        b = NodePeer.start("socketio-bridge.js", open, "{\"token\":\"-\",\"account\":\"" + B + "\"}");
        b.event("connect");
        b.send(emit("join_conversation", MAPPER.createObjectNode().put("conversation_id", A), true));
        assertThat(b.event("ack").get(3).asText()).isEqualTo("Joined conversation_" + A);
    }

    @AfterAll
    void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        Daemons.stop(daemon);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ++nextId;
        write(tcp, MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", id)
                .<ObjectNode>set("params", params).toString());
        JsonNode answer = answer(in, id);
        assertThat(answer.has("result")).as(method + ": " + answer).isTrue();
        return answer.get("result");
    }

    /** Another HTTP transport on a port the OS picks, with these settings; its base URL. */
    private String startHttp(ObjectNode settings) throws Exception {
        String name = call("startTransport", MAPPER.createObjectNode().put("kind", "http").put("http", "127.0.0.1:0")
                .<ObjectNode>set("settings", settings)).get("name").asText();
        return "http://127.0.0.1:" + name.substring(name.lastIndexOf(':') + 1);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"socket.io-client-1, library", "socket.io-client-1, polling", "socket.io-client-1, websocket",
            "socket.io-client-2, library", "socket.io-client-2, polling", "socket.io-client-2, websocket",
            "socket.io-client-3, library", "socket.io-client-3, polling", "socket.io-client-3, websocket",
            "socket.io-client, library", "socket.io-client, polling", "socket.io-client, websocket"})
    void everyClientLineConnectsWithItsDefaultsAndChatsBothWays(String client, String transports) throws Exception {
        try (NodePeer a = NodePeer.start("socketio-bridge.js", open, "", client, transports)) {
            String first = transports.equals("websocket") ? "websocket" : "polling";
            assertThat(a.event("transport").get(1).asText()).isEqualTo(first);
            a.event("connect");
            a.send(emit("authenticate", MAPPER.createObjectNode().put("account", A), true));
            assertThat(a.event("ack").get(3).asText()).isEqualTo("User authenticated");
            a.send(emit("join_conversation", MAPPER.createObjectNode().put("conversation_id", B), true));
            assertThat(a.event("ack").get(3).asText()).isEqualTo("Joined conversation_" + B);

            String out = client + " " + transports + ": h\u00e9llo \u2603 \ud83d\udc4d";
            a.send(emit("message", MAPPER.createObjectNode().put("conversation_id", B).put("text_message", out),
                    true));
            JsonNode sent = a.event("ack").get(3);
            assertThat(sent.get("received").asBoolean()).as(sent.toString()).isTrue();
            JsonNode heard = b.next(n -> isMessage(n, out));
            assertThat(heard.get(1).get("message").get("id").asLong()).isEqualTo(sent.get("message_id").asLong());
            assertThat(heard.get(1).get("sender").get("number").asText()).isEqualTo(A);

            String back = "to " + client + " " + transports + ": \u00fcn\u00efc\u00f6de \u2764";
            b.send(emit("message", MAPPER.createObjectNode().put("conversation_id", A).put("text_message", back),
                    false));
            JsonNode got = a.next(n -> isMessage(n, back));
            assertThat(got.get(1).get("conversation_id").asText()).isEqualTo(B);
            assertThat(got.get(1).get("sender").get("number").asText()).isEqualTo(B);
            if (transports.equals("library")) {
                // when it comes, against the chat, is the client's business
                assertThat(a.printed("upgrade").get(1).asText()).as("the upgrade from long-polling")
                        .isEqualTo("websocket");
            }
        }
    }

    private static boolean isMessage(JsonNode line, String text) {
        return "message".equals(line.path(0).asText())
                && text.equals(line.path(1).path("message").path("content").asText());
    }

    /**
     * The page from another origin: refused where that origin is not allowed, let in where it is; then the seed's
     * flow (connect, {@code authenticate} with the JWT, {@code join_conversation}, send, hear the answer).
     */
    @Test
    void seed002sChatPageChatsFromHeadlessChromium() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM)).as("Debian's Chromium at " + CHROMIUM
                + " (run-tests installs the chromium package where it may; else apt-get install chromium)").isTrue();
        try (NodePeer page = NodePeer.start("seed-page.js", NodePeer.seedBundle().toString(), CHROMIUM.toString())) {
            String origin = page.event("page").get(1).asText();
            String token = Tokens.jwtFor(SECRET, A);
            page.send(MAPPER.createObjectNode().set("open", MAPPER.createObjectNode().put("server", open)
                    .put("token", token).put("conversation", B)));
            assertThat(page.event("connect_error").get(1).asText()).as("a page of an origin not allowed")
                    .isNotEmpty();

            ObjectNode settings = MAPPER.createObjectNode().put("jwtSecret", SECRET);
            settings.putArray("allowedOrigins").add(origin);
            String guarded = startHttp(settings);
            page.send(MAPPER.createObjectNode().set("open", MAPPER.createObjectNode().put("server", guarded)
                    .put("token", Tokens.jwtFor(SECRET, B).replace('.', '_')).put("conversation", A)));
            assertThat(page.event("error").get(1).asText()).as("a forged token").isEqualTo("Invalid token");
            page.forget();

            page.send(MAPPER.createObjectNode().set("open", MAPPER.createObjectNode().put("server", guarded)
                    .put("token", token).put("conversation", B)));
            assertThat(page.event("transport").get(1).asText()).isEqualTo("polling");
            assertThat(page.next(n -> "success".equals(n.path(0).asText()) && n.path(1).isTextual()
                    && n.path(1).asText().startsWith("Joined")).get(1).asText()).isEqualTo("Joined conversation_" + B);

            String out = "from seed 002's page: h\u00e9llo \u2603";
            page.send(MAPPER.createObjectNode().put("send", out));
            JsonNode sent = page.next(n -> "success".equals(n.path(0).asText()) && n.path(1).has("message_id"));
            JsonNode heard = b.next(n -> isMessage(n, out));
            assertThat(heard.get(1).get("message").get("id").asLong())
                    .isEqualTo(sent.get(1).get("message_id").asLong());

            String back = "to the page: \u00fcn\u00efc\u00f6de \ud83d\udc4d";
            b.send(emit("message", MAPPER.createObjectNode().put("conversation_id", A).put("text_message", back),
                    false));
            JsonNode got = page.next(n -> isMessage(n, back));
            assertThat(got.get(1).get("sender").get("number").asText()).isEqualTo(B);
            assertThat(page.printed("upgrade").get(1).asText()).isEqualTo("websocket");
        }
    }
}
