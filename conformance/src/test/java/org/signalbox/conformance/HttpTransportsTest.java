package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.signalbox.conformance.LineSockets.answer;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;
import static org.signalbox.conformance.NodePeer.emit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP/WebSocket transport of the full distribution, as a child process, with real third-party clients:
 * curl for HTTP and Server-Sent Events, npm {@code ws} for JSON-RPC over WebSocket, npm {@code socket.io-client}
 * for seed 002's dialect; and the WebSocket transport swapped while a TCP client stays busy.
 */
class HttpTransportsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String A = "+15550001111";
    private static final String B = "+15550002222";
    private static Path full;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    private Process daemon(String... args) throws Exception {
        return daemon(Map.of(), args);
    }

    private Process daemon(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(full.resolve("bin/signalbox").toString(),
                "--config", dir.resolve("data").toString(), "daemon", "--no-receive-stdout"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("daemon.stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        return pb.start();
    }

    private JsonNode post(int port, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/rpc")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    private void awaitHttp(int port) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/check")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static String register(String number, int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"register\",\"params\":{\"account\":\"" + number + "\"},\"id\":" + id
                + "}";
    }

    private static String verify(String number, int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"verify\",\"params\":{\"account\":\"" + number
                + "\",\"verificationCode\":\"1\"},\"id\":" + id + "}";
    }

    private static String send(String from, String to, String text, int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"send\",\"params\":{\"account\":\"" + from + "\",\"recipient\":[\""
                + to + "\"],\"message\":\"" + text + "\"},\"id\":" + id + "}";
    }

    private void registerOverHttp(int port) throws Exception {
        for (String n : List.of(A, B)) {
            post(port, register(n, 1));
            assertThat(post(port, verify(n, 2)).has("result")).isTrue();
        }
    }

    private static void registerOverTcp(SocketChannel tcp, BufferedReader in) throws Exception {
        int id = 900;
        for (String n : List.of(A, B)) {
            write(tcp, register(n, ++id));
            answer(in, id);
            write(tcp, verify(n, ++id));
            assertThat(answer(in, id).has("result")).isTrue();
        }
    }

    @Test
    void curlAndNpmWsClientsGetRequestsAndEventsOverHttp() throws Exception {
        int port = freePort();
        Process p = daemon("--http", "127.0.0.1:" + port);
        Process curl = null;
        try {
            awaitHttp(port);
            registerOverHttp(port);
            assertThat(post(port, "{\"jsonrpc\":\"2.0\",\"method\":\"subscribeReceive\",\"id\":3}")
                    .get("error").get("code").asInt()).as("no subscriptions over plain HTTP").isEqualTo(-32601);

            curl = new ProcessBuilder("curl", "-sN", "http://127.0.0.1:" + port + "/api/v1/events?account=%2B"
                    + B.substring(1)).redirectError(dir.resolve("curl.stderr").toFile()).start();
            BufferedReader sse = new BufferedReader(new InputStreamReader(curl.getInputStream(),
                    StandardCharsets.UTF_8));
            try (NodePeer ws = NodePeer.start("ws-bridge.js", "ws://127.0.0.1:" + port + "/api/v1/ws")) {
                ws.event("open");
                ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}");
                assertThat(ws.next(n -> n.path("id").asInt() == 1).get("result").get("version").asText())
                        .isNotBlank();
                // the SSE stream and the WebSocket both subscribed before anything is sent
                await().atMost(Duration.ofSeconds(30)).until(() -> post(port,
                        "{\"jsonrpc\":\"2.0\",\"method\":\"listTransports\",\"id\":9}").get("result").get(0)
                        .get("connections").asInt() >= 2);
                JsonNode sent = post(port, send(A, B, "over http", 4));
                assertThat(sent.get("result").get("results").get(0).get("type").asText()).isEqualTo("SUCCESS");

                String line = sse.readLine();
                while (line.isEmpty() || line.equals(":")) {
                    line = sse.readLine();
                }
                assertThat(line).isEqualTo("event:receive");
                String data = sse.readLine();
                assertThat(data).startsWith("data:");
                JsonNode event = MAPPER.readTree(data.substring(5));
                assertThat(event.get("account").asText()).isEqualTo(B);
                assertThat(event.get("envelope").get("dataMessage").get("message").asText()).isEqualTo("over http");

                // data messages: each also earns its sender a delivery receipt, which may come first
                JsonNode note = ws.next(n -> "receive".equals(n.path("method").asText())
                        && n.path("params").path("envelope").has("dataMessage"));
                assertThat(note.get("params").get("envelope").get("dataMessage").get("message").asText())
                        .isEqualTo("over http");

                ws.send(send(B, A, "over ws", 5));
                assertThat(ws.next(n -> n.path("id").asInt() == 5).get("result").get("results").get(0)
                        .get("type").asText()).isEqualTo("SUCCESS");
                JsonNode back = ws.next(n -> "receive".equals(n.path("method").asText())
                        && n.path("params").path("account").asText().equals(A)
                        && n.path("params").path("envelope").has("dataMessage"));
                assertThat(back.get("params").get("envelope").get("dataMessage").get("message").asText())
                        .isEqualTo("over ws");

                Daemons.stop(p);
                assertThat(ws.event("close").get(1).asInt()).as("going away").isEqualTo(1001);
                assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(curl.exitValue()).as("curl saw a clean end of the stream").isZero();
            }
        } finally {
            if (curl != null) {
                curl.destroyForcibly();
            }
            Daemons.stop(p);
        }
    }

    /** The next SSE event named {@code name} whose data matches {@code which}: its data. */
    private static JsonNode sseEvent(BufferedReader sse, String name, java.util.function.Predicate<JsonNode> which)
            throws Exception {
        String event = null;
        for (String line = sse.readLine(); line != null; line = sse.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6);
            } else if (line.startsWith("data:") && name.equals(event)) {
                JsonNode data = MAPPER.readTree(line.substring(5));
                if (which.test(data)) {
                    return data;
                }
            }
        }
        throw new AssertionError("the stream ended before a matching " + name);
    }

    @Test
    void callEventsReachAnSseStreamAsEventCallEvent() throws Exception {
        int port = freePort();
        Process p = daemon(Map.of("SIGNAL_CALL_TUNNEL_BIN", Path.of("tunnel/fake-call-tunnel").toAbsolutePath()
                .toString()), "--http", "127.0.0.1:" + port);
        Process curl = null;
        try {
            awaitHttp(port);
            registerOverHttp(port);
            curl = new ProcessBuilder("curl", "-sN", "http://127.0.0.1:" + port + "/api/v1/events")
                    .redirectError(dir.resolve("curl.stderr").toFile()).start();
            BufferedReader sse = new BufferedReader(new InputStreamReader(curl.getInputStream(),
                    StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(() -> post(port,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"listTransports\",\"id\":9}").get("result").get(0)
                    .get("connections").asInt() >= 1);
            JsonNode started = post(port, "{\"jsonrpc\":\"2.0\",\"method\":\"startCall\",\"params\":"
                    + "{\"account\":\"" + A + "\",\"recipient\":\"" + B + "\"},\"id\":3}");
            long id = started.get("result").get("callId").asLong();
            // the stream subscribed to call events, so the callee's daemon rings instead of ignoring the offer
            JsonNode ringing = sseEvent(sse, "callEvent", d -> d.path("state").asText().equals("RINGING_INCOMING"));
            assertThat(ringing.get("callId").asLong()).isEqualTo(id);
            assertThat(ringing.get("account").asText()).isEqualTo(B);
            post(port, "{\"jsonrpc\":\"2.0\",\"method\":\"acceptCall\",\"params\":{\"account\":\"" + B
                    + "\",\"callId\":" + id + "},\"id\":4}");
            sseEvent(sse, "callEvent", d -> d.path("state").asText().equals("CONNECTED"));
            post(port, "{\"jsonrpc\":\"2.0\",\"method\":\"hangupCall\",\"params\":{\"account\":\"" + A
                    + "\",\"callId\":" + id + "},\"id\":5}");
            JsonNode ended = sseEvent(sse, "callEvent", d -> d.path("state").asText().equals("ENDED"));
            assertThat(ended.get("callId").asLong()).isEqualTo(id);
        } finally {
            if (curl != null) {
                curl.destroyForcibly();
            }
            Daemons.stop(p);
        }
    }

    @Test
    void aTokenFromTheEnvironmentGuardsDaemonHttpAndBeyondLoopbackOneIsRequired() throws Exception {
        int port = freePort();
        List<String> command = List.of(full.resolve("bin/signalbox").toString(), "--config",
                dir.resolve("data").toString(), "daemon", "--http", "127.0.0.1:" + port, "--no-receive-stdout");
        ProcessBuilder guarded = new ProcessBuilder(command).redirectError(dir.resolve("daemon.stderr").toFile());
        guarded.environment().put("SIGNALBOX_HTTP_TOKEN", "s3cret");
        Process p = guarded.start();
        try {
            awaitHttp(port);
            HttpRequest.Builder version = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/rpc")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}"));
            assertThat(http.send(version.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(401);
            assertThat(http.send(version.header("Authorization", "Bearer s3cret").build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"version\"");
        } finally {
            Daemons.stop(p);
        }
        // nothing is bound: the refusal comes before the socket is opened
        Process open = daemon("--http", "0.0.0.0:" + port);
        assertThat(open.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(open.exitValue()).isEqualTo(3);
        assertThat(java.nio.file.Files.readString(dir.resolve("daemon.stderr")))
                .contains("--http 0.0.0.0:" + port + ": Binding to 0.0.0.0 (not loopback) needs a token or jwtSecret");
    }

    @Test
    void aJwtForOneAccountReachesNeitherTheAdminMethodsNorAnotherAccount() throws Exception {
        int tcpPort = freePort();
        String secret = "a-jwt-secret-of-at-least-32-bytes!!";
        Process p = daemon("--tcp", "127.0.0.1:" + tcpPort);
        try (SocketChannel tcp = connect(loopback(tcpPort), Duration.ofSeconds(60)); BufferedReader in = reader(tcp)) {
            registerOverTcp(tcp, in);
            write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"updateContact\",\"params\":{\"account\":\"" + B
                    + "\",\"recipient\":\"+15550003333\",\"name\":\"B's secret contact\"},\"id\":1}");
            assertThat(answer(in, 1).has("result")).isTrue();
            write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"startTransport\",\"params\":{\"kind\":\"http\",\"http\":"
                    + "\"127.0.0.1:0\",\"settings\":{\"jwtSecret\":\"" + secret + "\"}},\"id\":2}");
            String name = answer(in, 2).get("result").get("name").asText();
            int port = Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
            String bearer = "Bearer " + Tokens.hs256(secret, "{\"sub\":\"" + A + "\",\"exp\":"
                    + (System.currentTimeMillis() / 1000 + 600) + "}");

            JsonNode admin = postAs(port, bearer, "{\"jsonrpc\":\"2.0\",\"method\":\"startTransport\",\"params\":"
                    + "{\"kind\":\"tcp\",\"tcp\":\"127.0.0.1:0\"},\"id\":3}");
            assertThat(admin.path("error").path("message").asText()).as(admin.toString())
                    .contains("only for clients on this machine");
            assertThat(postAs(port, bearer, "{\"jsonrpc\":\"2.0\",\"method\":\"listTransports\",\"id\":4}")
                    .has("error")).isTrue();
            JsonNode contacts = postAs(port, bearer, "{\"jsonrpc\":\"2.0\",\"method\":\"listContacts\",\"params\":"
                    + "{\"account\":\"" + B + "\"},\"id\":5}");
            assertThat(contacts.toString()).as("served as A, never B").doesNotContain("B's secret contact");
            write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"listTransports\",\"id\":6}");
            assertThat(answer(in, 6).get("result")).as("no transport was added").hasSize(2);
        } finally {
            Daemons.stop(p);
        }
    }

    private JsonNode postAs(int port, String authorization, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/rpc")).header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    @Test
    void socketIoClientsChatTypeSeeReceiptsReactionsAndGroupUpdatesAndGetTurnCredentials() throws Exception {
        int tcpPort = freePort();
        Process p = daemon("--tcp", "127.0.0.1:" + tcpPort);
        try (SocketChannel tcp = connect(loopback(tcpPort), Duration.ofSeconds(60)); BufferedReader in = reader(tcp)) {
            registerOverTcp(tcp, in);
            write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"startTransport\",\"params\":{\"kind\":\"http\",\"http\":"
                    + "\"127.0.0.1:0\",\"settings\":{\"turnSecret\":\"signalbox-turn-secret\",\"iceUris\":"
                    + "[\"stun:stun.example.org:3478\",\"turn:turn.example.org:3478?transport=udp\"]}},\"id\":1}");
            String name = answer(in, 1).get("result").get("name").asText();
            String url = "http://127.0.0.1:" + name.substring(name.lastIndexOf(':') + 1);
            try (NodePeer a = NodePeer.start("socketio-bridge.js", url);
                    NodePeer b = NodePeer.start("socketio-bridge.js", url, "{\"token\":\"-\",\"account\":\"" + B
                            + "\"}")) {
                a.event("connect");
                a.send(emit("authenticate", MAPPER.createObjectNode().put("account", A), false));
                assertThat(a.event("success").get(1).asText()).isEqualTo("User authenticated");
                b.event("connect"); // authenticated by the CONNECT payload

                b.send(emit("join_conversation", MAPPER.createObjectNode().put("conversation_id", A), false));
                assertThat(b.event("success").get(1).asText()).isEqualTo("Joined conversation_" + A);

                // back to back: the message must find the room joined (a socket's events run in order)
                a.send(emit("join_conversation", MAPPER.createObjectNode().put("conversation_id", B), true));
                a.send(emit("message", MAPPER.createObjectNode().put("conversation_id", B)
                        .put("text_message", "hello from socket.io"), false));
                assertThat(a.event("ack").get(3).asText()).isEqualTo("Joined conversation_" + B);
                JsonNode success = a.event("success").get(1);
                assertThat(success.get("received").asBoolean()).isTrue();
                long id = success.get("message_id").asLong();
                assertThat(a.event("message").get(1).get("message").get("content").asText())
                        .as("the sender's room hears it too").isEqualTo("hello from socket.io");
                JsonNode got = b.event("message").get(1);
                assertThat(got.get("conversation_id").asText()).isEqualTo(A);
                assertThat(got.get("message").get("id").asLong()).isEqualTo(id);
                assertThat(got.get("message").get("content").asText()).isEqualTo("hello from socket.io");
                assertThat(got.get("sender").get("number").asText()).isEqualTo(A);
                assertThat(got.get("status").asText()).isEqualTo("done");
                JsonNode delivered = a.event("message").get(1);
                assertThat(delivered.get("event").asText()).as(delivered.toString()).isEqualTo("receipt");
                assertThat(delivered.get("status").asText()).isEqualTo("delivered");
                assertThat(delivered.get("message_id").asLong()).isEqualTo(id);
                assertThat(delivered.get("conversation_id").asText()).isEqualTo(B);

                write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"sendReaction\",\"params\":{\"account\":\"" + A
                        + "\",\"recipient\":[\"" + B + "\"],\"emoji\":\"\ud83d\udc4d\",\"targetAuthor\":\"" + A
                        + "\",\"targetTimestamp\":" + id + "},\"id\":2}");
                assertThat(answer(in, 2).has("result")).isTrue();
                JsonNode reaction = b.event("message").get(1);
                assertThat(reaction.get("event").asText()).as(reaction.toString()).isEqualTo("reaction");
                assertThat(reaction.get("emoji").asText()).isEqualTo("\ud83d\udc4d");
                assertThat(reaction.get("message_id").asLong()).isEqualTo(id);
                assertThat(reaction.get("remove").asBoolean()).isFalse();
                assertThat(reaction.get("sender").get("number").asText()).isEqualTo(A);

                write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"updateGroup\",\"params\":{\"account\":\"" + A
                        + "\",\"name\":\"Socket team\",\"member\":[\"" + B + "\"]},\"id\":3}");
                String group = answer(in, 3).get("result").get("groupId").asText();
                JsonNode update = b.event("conversation").get(1);
                assertThat(update.get("event").asText()).as(update.toString()).isEqualTo("update");
                assertThat(update.get("conversation_id").asText()).isEqualTo(group);
                assertThat(update.get("name").asText()).isEqualTo("Socket team");

                a.send(emit("writing", MAPPER.createObjectNode().put("conversation_id", B).put("is_writing", true),
                        false));
                JsonNode typing = b.event("writing").get(1);
                assertThat(typing.get("is_writing").asBoolean()).isTrue();
                assertThat(typing.get("user").asText()).isEqualTo(A);

                b.send(emit("webrtc_credentials", null, false));
                JsonNode turn = b.event("webrtc_config").get(1);
                String username = turn.get("username").asText();
                assertThat(username).matches("\\d+:[0-9a-f-]{36}");
                assertThat(Long.parseLong(username.split(":")[0]) - System.currentTimeMillis() / 1000)
                        .isBetween(86_000L, 86_401L);
                assertThat(turn.get("password").asText()).isEqualTo(hmacSha1("signalbox-turn-secret", username));
                assertThat(turn.get("uris").get(0).asText()).isEqualTo("turn:turn.example.org:3478?transport=udp");

                a.send(emit("webrtc_stun_info", null, false));
                JsonNode stun = a.event("webrtc_config").get(1).get(0);
                assertThat(stun.get("urls").asText()).isEqualTo("stun:stun.example.org:3478");
                assertThat(stun.get("port").asInt()).isEqualTo(3478);

                a.send(emit("webrtc_forward", MAPPER.createObjectNode().put("number", B).put("sdp", "offer"), false));
                assertThat(a.event("success").get(1).asText()).isEqualTo("Message forwarded");
                JsonNode forwarded = b.event("webrtc_forward").get(1);
                assertThat(forwarded.get("sender_id").asText()).isEqualTo(A);
                assertThat(forwarded.get("content").get("sdp").asText()).isEqualTo("offer");

                a.send(emit("join_conversation", MAPPER.createObjectNode().put("conversation_id", "bm90LWEtZ3JvdXA="),
                        false));
                assertThat(a.event("error").get(1).asText()).isEqualTo("You are not part of this conversation");
            }
        } finally {
            Daemons.stop(p);
        }
    }

    private static String hmacSha1(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theWebSocketBundleIsReplacedWhileATcpClientStaysBusy() throws Exception {
        int tcpPort = freePort();
        int httpPort = freePort();
        List<String> command = List.of(full.resolve("bin/signalbox").toString(), "--shell", "--config",
                dir.resolve("data").toString(), "daemon", "--tcp", "127.0.0.1:" + tcpPort, "--http",
                "127.0.0.1:" + httpPort, "--no-receive-stdout");
        try (GogoShell shell = new GogoShell(command, dir.resolve("daemon.stderr"));
                SocketChannel busy = connect(loopback(tcpPort), Duration.ofSeconds(60));
                BufferedReader busyIn = reader(busy)) {
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = Thread.ofPlatform().start(() -> {
                try {
                    for (int id = 1; !stop.get(); id++) {
                        write(busy, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":" + id + "}");
                        (answer(busyIn, id).has("result") ? answered : failed).incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            awaitHttp(httpPort);
            URI ws = URI.create("ws://127.0.0.1:" + httpPort + "/api/v1/ws");
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            assertThat(version(ws, null, closed)).contains("\"version\"");
            String bundles = shell.run("lb", "Signalbox transport: HTTP and WebSocket");
            String id = bundles.lines().filter(l -> l.contains("Signalbox transport: HTTP and WebSocket")).findFirst()
                    .orElseThrow().split("\\|")[0].strip();
            long began = System.nanoTime();
            shell.run("update " + id, "g!");
            assertThat(closed.get(30, TimeUnit.SECONDS)).as("its WebSocket client was closed: going away")
                    .isEqualTo(1001);
            // the new bundle serves the same configuration again, on the same port
            String again = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> version(ws, null, new CompletableFuture<>()), a -> a.contains("\"version\""));
            System.out.printf("[replace] the WebSocket bundle was updated and serving again after %.0f ms%n",
                    (System.nanoTime() - began) / 1e6);
            assertThat(again).contains("\"result\"");
            stop.set(true);
            load.join(30_000);
            assertThat(answered.get()).as("requests answered on TCP meanwhile").isPositive();
            assertThat(failed.get()).as("failed requests on the busy TCP connection").isZero();
        }
    }

    /**
     * One version request over a fresh JDK WebSocket (with a bearer token unless null); {@code closed} gets the close
     * code the server sends later. Notifications that come first are skipped.
     */
    private String version(URI uri, String token, CompletableFuture<Integer> closed) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket ws = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(WebSocket w, CharSequence d, boolean last) {
                if (d.toString().contains("\"id\":1")) {
                    answer.complete(d.toString());
                }
                w.request(1);
                return null;
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                closed.complete(code);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}", true);
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWebSocketTransportIsSwappedWhileATcpClientStaysBusy() throws Exception {
        int tcpPort = freePort();
        int httpPort = freePort();
        Process p = daemon("--tcp", "127.0.0.1:" + tcpPort, "--http", "127.0.0.1:" + httpPort);
        try (SocketChannel admin = connect(loopback(tcpPort), Duration.ofSeconds(60));
                BufferedReader adminIn = reader(admin);
                SocketChannel busy = connect(loopback(tcpPort), Duration.ofSeconds(60));
                BufferedReader busyIn = reader(busy)) {
            registerOverTcp(admin, adminIn);
            // the busy client sends A→B messages one after another and hears B's notifications on the same line
            Set<Long> sent = ConcurrentHashMap.newKeySet();
            Set<Long> notified = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentHashMap<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
            Thread reading = Thread.ofPlatform().start(() -> {
                try {
                    for (String l = busyIn.readLine(); l != null; l = busyIn.readLine()) {
                        JsonNode n = MAPPER.readTree(l);
                        if (n.has("id")) {
                            waiting.remove(n.get("id").asInt()).complete(n);
                        } else if (n.path("params").path("account").asText().equals(B)) {
                            notified.add(n.get("params").get("envelope").get("timestamp").asLong());
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            Thread load = Thread.ofPlatform().start(() -> {
                try {
                    for (int id = 1; !stop.get(); id++) {
                        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
                        waiting.put(id, answer);
                        write(busy, send(A, B, "busy " + id, id));
                        JsonNode r = answer.get(60, TimeUnit.SECONDS);
                        if (r.path("result").path("results").path(0).path("type").asText().equals("SUCCESS")) {
                            sent.add(r.get("result").get("timestamp").asLong());
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.size() >= 3); // the load is running
            int id = 100;
            write(admin, "{\"jsonrpc\":\"2.0\",\"method\":\"listTransports\",\"id\":" + (++id) + "}");
            String current = null;
            for (JsonNode t : answer(adminIn, id).get("result")) {
                if (t.get("name").asText().startsWith("http:")) {
                    current = t.get("name").asText();
                }
            }
            assertThat(current).isEqualTo("http:127.0.0.1:" + httpPort);
            long swaps = 0;
            for (int round = 0; round < 3; round++) {
                long began = System.nanoTime();
                write(admin, "{\"jsonrpc\":\"2.0\",\"method\":\"stopTransport\",\"params\":{\"name\":\"" + current
                        + "\"},\"id\":" + (++id) + "}");
                assertThat(answer(adminIn, id).has("result")).isTrue();
                // reconfigured: another port, a token now required
                write(admin, "{\"jsonrpc\":\"2.0\",\"method\":\"startTransport\",\"params\":{\"kind\":\"http\","
                        + "\"http\":\"127.0.0.1:0\",\"settings\":{\"token\":\"round" + round + "\"}},\"id\":" + (++id)
                        + "}");
                current = answer(adminIn, id).get("result").get("name").asText();
                swaps += System.nanoTime() - began;
                int port = Integer.parseInt(current.substring(current.lastIndexOf(':') + 1));
                assertThat(version(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"), "round" + round,
                        new CompletableFuture<>())).contains("\"version\"");
            }
            stop.set(true);
            load.join(90_000);
            assertThat(load.isAlive()).isFalse();
            await().atMost(Duration.ofSeconds(60)).until(() -> notified.containsAll(sent));
            System.out.printf("[swap] 3 WebSocket transport swaps took %.0f ms each on average while the TCP client"
                    + " sent %d messages%n", swaps / 3 / 1e6, sent.size());
            assertThat(sent).as("messages sent while the WebSocket transport was swapped").isNotEmpty();
            assertThat(failed.get()).as("failed requests on the busy connection").isZero();
            assertThat(notified).as("notifications on the busy connection: none lost").containsAll(sent);
            reading.interrupt();
        } finally {
            Daemons.stop(p);
        }
    }
}
