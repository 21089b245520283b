package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.signalbox.conformance.LineSockets.answer;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Messages waiting for a client survive clients that connect and leave without reading (TCP close with unread
 * data, a reset, a health check, a WebSocket and an event stream opened and dropped), manual {@code receive}
 * calls whose client is gone, and a SIGKILL in the middle of a {@code receive}; clients that read normally get
 * each message exactly once. Loss is measured where it happens: the envelopes left in the account's store.
 */
class CarelessClientsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String A = "+15550001111";
    private static final String B = "+15550002222";
    /** Longer than the transports' default settle window (2 s): a decision has been made by then. */
    private static final Duration SETTLED = Duration.ofSeconds(3);
    private static Path full;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    private Process daemon(String... args) throws IOException {
        return Daemons.start(full, dir.resolve("data"), dir.resolve("daemon.log"), List.of(), args);
    }

    private JsonNode post(int port, String method, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/rpc")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString(request(method, params, 1))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = MAPPER.readTree(r.body());
        assertThat(n.has("error")).as(r.body()).isFalse();
        return n;
    }

    private static String request(String method, String params, int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + id + "}";
    }

    private static String sendParams(int i) {
        return "{\"account\":\"" + A + "\",\"recipient\":[\"" + B + "\"],\"message\":\"m" + i + "\"}";
    }

    /** Envelopes waiting in B's store: the daemon's own database, read beside it. */
    private long waiting() throws Exception {
        JsonNode accounts = MAPPER.readTree(dir.resolve("data/data/accounts.json").toFile());
        for (JsonNode a : accounts.path("accounts")) {
            if (B.equals(a.path("number").asText())) {
                Path db = dir.resolve("data/data/" + a.path("path").asText() + ".d/account.db");
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                        ResultSet rs = c.createStatement().executeQuery(
                                "SELECT count(*) FROM messages WHERE queue = ''")) {
                    return rs.getLong(1);
                }
            }
        }
        throw new AssertionError("no account " + B);
    }

    private void awaitWaiting(long n) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> waiting() == n);
    }

    /** {@code n} stays the count for longer than any settle window. */
    private void staysWaiting(long n) {
        await().during(SETTLED).atMost(SETTLED.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> waiting() == n);
    }

    private static void register(SendLine send) throws Exception {
        for (String n : List.of(A, B)) {
            send.call("register", "{\"account\":\"" + n + "\"}");
            send.call("verify", "{\"account\":\"" + n + "\",\"verificationCode\":\"1\"}");
        }
    }

    private interface SendLine {
        JsonNode call(String method, String params) throws Exception;
    }

    @Test
    void clientsThatLeaveWithoutReadingTakeNothingAndReadersGetEachMessageOnce() throws Exception {
        int tcp = freePort();
        int httpPort = freePort();
        Process p = daemon("--tcp", "127.0.0.1:" + tcp, "--http", "127.0.0.1:" + httpPort);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> post(httpPort, "version", "{}")
                    != null);
            register((m, params) -> post(httpPort, m, params));
            for (int i = 0; i < 50; i++) { // over HTTP POST, which receives nothing
                post(httpPort, "send", sendParams(i));
            }
            awaitWaiting(50);

            try (Socket s = new Socket("127.0.0.1", tcp)) {
                Thread.sleep(500); // then closes with everything unread: Linux resets
            }
            staysWaiting(50);
            try (Socket s = new Socket("127.0.0.1", tcp)) {
                Thread.sleep(200);
                s.setSoLinger(true, 0); // an abortive close
            }
            staysWaiting(50);
            new Socket("127.0.0.1", tcp).close(); // a health check
            staysWaiting(50);
            try (Socket s = new Socket("127.0.0.1", httpPort)) {
                rawRequest(s, "GET /api/v1/ws HTTP/1.1", "Upgrade: websocket", "Connection: Upgrade",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
                Thread.sleep(500);
            }
            staysWaiting(50);
            try (Socket s = new Socket("127.0.0.1", httpPort)) {
                rawRequest(s, "GET /api/v1/events HTTP/1.1", "Accept: text/event-stream");
                Thread.sleep(500);
            }
            staysWaiting(50);

            // a normal reader: reads all fifty and closes at once
            Set<String> seen = new HashSet<>();
            try (SocketChannel c = connect(loopback(tcp), Duration.ofSeconds(10)); BufferedReader in = reader(c)) {
                while (seen.size() < 50) {
                    JsonNode n = LineSockets.notification(in);
                    if (!forB(n)) {
                        continue; // A's delivery receipts for the fifty
                    }
                    assertThat(seen.add(n.path("params").path("envelope").path("dataMessage").path("message")
                            .asText())).as("no duplicate").isTrue();
                }
            }
            awaitWaiting(0);
            assertThat(receivedWithin(tcp, SETTLED)).as("nothing comes twice").isEmpty();

            // over WebSocket: a reader that takes ten and closes with a close handshake
            for (int i = 50; i < 60; i++) {
                post(httpPort, "send", sendParams(i));
            }
            awaitWaiting(10);
            Set<String> overWs = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> ten = new CompletableFuture<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + httpPort
                    + "/api/v1/ws"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                try {
                                    JsonNode n = MAPPER.readTree(text.toString());
                                    if (forB(n)) {
                                        overWs.add(n.path("params").path("envelope").path("dataMessage")
                                                .path("message").asText());
                                    }
                                } catch (IOException e) {
                                    ten.completeExceptionally(e);
                                }
                                text.setLength(0);
                                if (overWs.size() == 10) {
                                    ten.complete(null);
                                }
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            ten.get(60, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
            awaitWaiting(0);
            assertThat(receivedWithin(tcp, SETTLED)).isEmpty();
        } finally {
            Daemons.stop(p);
        }
    }

    private static void rawRequest(Socket s, String line, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(line).append("\r\nHost: 127.0.0.1:").append(s.getPort()).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A receive notification for B, whose store these tests watch (A gets B's delivery receipts besides). */
    private static boolean forB(JsonNode n) {
        return "receive".equals(n.path("method").asText()) && B.equals(n.path("params").path("account").asText());
    }

    /** The receive notifications for B a fresh TCP client gets within {@code wait}. */
    private static List<JsonNode> receivedWithin(int port, Duration wait) throws Exception {
        List<JsonNode> got = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) wait.toMillis());
            BufferedReader in = new BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            try {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    JsonNode n = MAPPER.readTree(l);
                    if (forB(n)) {
                        got.add(n);
                    }
                }
            } catch (SocketTimeoutException e) {
                // waited long enough
            }
        }
        return got;
    }

    @Test
    void manualReceiveLosesNothingToGoneClientsNorToAKill() throws Exception {
        int tcp = freePort();
        Process p = daemon("--tcp", "127.0.0.1:" + tcp, "--receive-mode", "manual");
        try (SocketChannel c = connect(loopback(tcp), Duration.ofSeconds(60)); BufferedReader in = reader(c)) {
            SendLine send = withWaiting(lines(c, in), 200);

            for (int i = 0; i < 10; i++) {
                try (Socket gone = new Socket("127.0.0.1", tcp)) {
                    gone.getOutputStream().write((request("receive", "{\"account\":\"" + B + "\",\"timeout\":1}",
                            1) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            staysWaiting(200);
            assertThat(receiveAll(send)).as("every message once").hasSize(200);
            awaitWaiting(0);
            assertThat(receiveAll(send)).as("and never again").isEmpty();

            for (int i = 0; i < 600; i++) {
                send.call("send", sendParams(1000 + i));
            }
            awaitWaiting(600);
            // SIGKILL while a receive of all 600 is being answered
            write(c, request("receive", "{\"account\":\"" + B + "\",\"timeout\":1}", 9999));
            Thread.sleep(60);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        Process again = daemon("--tcp", "127.0.0.1:" + tcp, "--receive-mode", "manual");
        try (SocketChannel c = connect(loopback(tcp), Duration.ofSeconds(60)); BufferedReader in = reader(c)) {
            assertThat(receiveAll(lines(c, in))).as("nothing lost to the kill").hasSize(600);
        } finally {
            Daemons.stop(again);
        }
        assertThat(Files.readString(dir.resolve("daemon.log"))).doesNotContain("Exception in thread");
    }

    @Test
    void clientsThatAcknowledgeGetEachMessageOnceAndLoseNone() throws Exception {
        int tcp = freePort();
        Process p = daemon("--tcp", "127.0.0.1:" + tcp, "--receive-mode", "manual");
        try (SocketChannel c = connect(loopback(tcp), Duration.ofSeconds(60)); BufferedReader in = reader(c)) {
            withWaiting(lines(c, in), 10);

            // reads all ten, acknowledges five, and leaves cleanly: the other five were never acknowledged
            Map<String, Long> first = acknowledgingClient(tcp, 10, 5);
            awaitWaiting(5);
            staysWaiting(5);
            Map<String, Long> second = acknowledgingClient(tcp, 5, 5);
            awaitWaiting(0);
            assertThat(first).hasSize(10);
            assertThat(second).hasSize(5);
            assertThat(first.keySet()).containsAll(second.keySet());
            assertThat(second.keySet()).as("the acknowledged ones never came again")
                    .doesNotContainAnyElementsOf(new ArrayList<>(first.keySet()).subList(0, 5));
        } finally {
            Daemons.stop(p);
        }
    }

    /**
     * A client of an acknowledged subscription: reads {@code expect} messages (asserting none comes twice),
     * acknowledges the first {@code acknowledge} of them, and closes; returns text to delivery id in order.
     */
    private static Map<String, Long> acknowledgingClient(int port, int expect, int acknowledge) throws Exception {
        Map<String, Long> got = new java.util.LinkedHashMap<>();
        try (SocketChannel c = connect(loopback(port), Duration.ofSeconds(10)); BufferedReader in = reader(c)) {
            write(c, request("subscribeReceive", "{\"account\":\"" + B + "\",\"acknowledge\":true}", 1));
            boolean acknowledged = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = MAPPER.readTree(line);
                if ("receive".equals(n.path("method").asText())) {
                    String text = n.at("/params/result/envelope/dataMessage/message").asText();
                    assertThat(got.put(text, n.at("/params/delivery").asLong())).as("no duplicate").isNull();
                    if (got.size() == expect) {
                        List<Long> ids = new ArrayList<>(got.values()).subList(0, acknowledge);
                        write(c, request("acknowledgeReceive", "{\"delivery\":" + ids + "}", 2));
                    }
                } else if (n.path("id").asInt() == 2) {
                    assertThat(n.at("/result/acknowledged").asInt()).isEqualTo(acknowledge);
                    acknowledged = true;
                    break;
                }
            }
            assertThat(acknowledged).as("the acknowledgement was answered").isTrue();
        }
        return got;
    }

    /**
     * On a manual-mode daemon: registers A and B, starts B's messenger (it starts on B's first receive, which
     * takes nothing before any message came), and has A send {@code messages} that wait in B's store.
     */
    private SendLine withWaiting(SendLine send, int messages) throws Exception {
        register(send);
        assertThat(send.call("receive", "{\"account\":\"" + B + "\",\"timeout\":0}").path("result")).isEmpty();
        for (int i = 0; i < messages; i++) {
            send.call("send", sendParams(i));
        }
        awaitWaiting(messages);
        return send;
    }

    /** Calls over one line connection, each answered before the next. */
    private static SendLine lines(SocketChannel c, BufferedReader in) {
        int[] id = {0};
        return (m, params) -> {
            write(c, request(m, params, ++id[0]));
            JsonNode n = answer(in, id[0]);
            assertThat(n.has("error")).as(n.toString()).isFalse();
            return n;
        };
    }

    /** Manual receive until an empty answer; the message texts, each asserted to come once. */
    private static Set<String> receiveAll(SendLine send) throws Exception {
        Set<String> texts = new HashSet<>();
        while (true) {
            JsonNode r = send.call("receive", "{\"account\":\"" + B + "\",\"timeout\":1}").path("result");
            if (r.isEmpty()) {
                return texts;
            }
            for (JsonNode e : r) {
                assertThat(texts.add(e.path("envelope").path("dataMessage").path("message").asText()))
                        .as("no duplicate").isTrue();
            }
        }
    }
}
