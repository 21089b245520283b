package org.signalbox.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;
import org.signalbox.api.transport.Transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Engine.IO's long-polling on {@code /socket.io/} over real loopback HTTP: engine.io's refusals, v3's text and
 * binary payloads, and what becomes of a stored message a polling client takes, or never comes for.
 */
class EnginePollingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeEngine engine = new FakeEngine();
    private HttpTransport transport;
    private URI base;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
    }

    private void start(Map<String, Object> config) {
        transport = new HttpTransport(FakeEngine.config(config), engine, FakeEngine.accounts());
        assertThat(transport.state()).isEqualTo(Transport.State.RUNNING);
        base = URI.create("http://127.0.0.1:" + transport.name().substring(transport.name().lastIndexOf(':') + 1));
    }

    private HttpResponse<String> get(String query, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/socket.io/?" + query));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/socket.io/?" + query)).header("Content-Type",
                "text/plain;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void refused(HttpResponse<String> r, int status, int code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(MAPPER.readTree(r.body()).get("code").asInt()).as(r.body()).isEqualTo(code);
    }

    /** A v4 handshake; the sid. */
    private String handshake() throws Exception {
        HttpResponse<String> open = get("EIO=4&transport=polling&t=1");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0{");
        JsonNode o = MAPPER.readTree(open.body().substring(1));
        assertThat(o.get("upgrades")).containsExactly(MAPPER.getNodeFactory().textNode("websocket"));
        return o.get("sid").asText();
    }

    @Test
    void refusesAsEngineIoDoes() throws Exception {
        start(Map.of());
        refused(get("EIO=5&transport=polling"), 400, 5);
        refused(get("transport=polling"), 400, 5);
        refused(get("EIO=4&transport=flashsocket"), 400, 0);
        refused(get("EIO=3&transport=polling&j=0"), 400, 3);
        refused(get("EIO=4&transport=polling&sid=nobody"), 400, 1);
        refused(post("EIO=4&transport=polling", "40"), 400, 2);
        String sid = handshake();
        refused(get("EIO=3&transport=polling&sid=" + sid), 400, 1);
        refused(post("EIO=4&transport=polling&sid=" + sid, "\u001e"), 400, 3);
        refused(get("EIO=4&transport=polling&sid=" + sid), 400, 1); // a malformed body ended that socket

        assertThat(get("EIO=4&transport=polling", "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> same = get("EIO=4&transport=polling", "Origin", "http://127.0.0.1:" + base.getPort());
        assertThat(same.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:"
                + base.getPort());
        assertThat(same.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    void answersAPreflightOfAnAllowedOriginOnly() throws Exception {
        start(Map.of("allowedOrigins", new String[] {"https://app.example"}));
        HttpRequest.Builder preflight = HttpRequest.newBuilder(base.resolve("/socket.io/?EIO=4&transport=polling"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Access-Control-Request-Method",
                        "POST").header("Access-Control-Request-Headers", "content-type");
        HttpResponse<String> ok = client.send(preflight.copy().header("Origin", "https://app.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
        HttpResponse<String> other = client.send(preflight.copy().header("Origin", "https://other.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void v3AnswersBrowsersInBinaryPayloadsAndOthersInText() throws Exception {
        start(Map.of());
        HttpResponse<String> text = get("EIO=3&transport=polling&b64=1");
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
        assertThat(text.body()).matches("\\d+:0\\{.*\\}2:40");
        HttpResponse<byte[]> binary = client.send(HttpRequest.newBuilder(base.resolve(
                "/socket.io/?EIO=3&transport=polling")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        byte[] b = binary.body();
        assertThat(b[0]).as("a string packet").isZero();
        int at = 1;
        int length = 0;
        while (b[at] != (byte) 255) {
            length = length * 10 + b[at++];
        }
        assertThat(new String(b, at + 1, length, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("0{\"sid\"");
        assertThat(b.length).as("the open packet and the CONNECT to /").isEqualTo(at + 1 + length + 5);
    }

    @Test
    void twoPollsAtOnceEndTheSocket() throws Exception {
        start(Map.of());
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(HttpRequest.newBuilder(base.resolve(
                "/socket.io/?EIO=4&transport=polling&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300); // the first is parked by then: nothing is queued for it
        HttpResponse<String> second = get("EIO=4&transport=polling&sid=" + sid);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).contains("a poll is already waiting");
        assertThat(first.get().body()).as("the waiting poll hears the close").isEqualTo("1");
        refused(get("EIO=4&transport=polling&sid=" + sid), 400, 1);
    }

    @Test
    void aPollingSocketUpgradesToAWebSocketAndWhatWaitedMovesWithIt() throws Exception {
        start(Map.of());
        String sid = handshake();
        LocalPeer peer = authenticated(sid);
        CompletableFuture<HttpResponse<String>> poll = client.sendAsync(HttpRequest.newBuilder(base.resolve(
                "/socket.io/?EIO=4&transport=polling&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
        WebSocketsTest.Client ws = WebSocketsTest.Client.open("ws://127.0.0.1:" + base.getPort()
                + "/socket.io/?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertThat(ws.next()).isEqualTo("3probe");
        assertThat(poll.get().body()).as("the waiting poll returns so the client can switch").isEqualTo("6");

        Recorded waited = new Recorded();
        assertThat(peer.notify(message("queued before the switch"), waited)).isTrue();
        ws.send("5");
        assertThat(ws.next()).contains("queued before the switch");
        ws.send("42[\"join_conversation\",{}]");
        assertThat(ws.next()).isEqualTo("42[\"error\",\"Parameter conversation_id missing\"]");
        refused(get("EIO=4&transport=polling&sid=" + sid), 400, 1);
        ws.socket.sendClose(1000, "");
        assertThat(ws.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> waited.fate.get() != null);
        assertThat(waited.fate.get()).as("a clean close after it was written").isEqualTo("kept");
    }

    @Test
    void aPollReturnsANoopBeforeTheHttpIdleTimeoutWouldEndIt() throws Exception {
        start(Map.of("idleTimeoutMillis", 900L, "pingIntervalMillis", 60_000L));
        String sid = handshake();
        HttpResponse<String> quiet = get("EIO=4&transport=polling&sid=" + sid);
        assertThat(quiet.statusCode()).isEqualTo(200);
        assertThat(quiet.body()).as("nothing to say, but said before the connection idles out").isEqualTo("6");
        assertThat(post("EIO=4&transport=polling&sid=" + sid, "40").body()).as("the socket lives on").isEqualTo("ok");
        assertThat(get("EIO=4&transport=polling&sid=" + sid).body()).startsWith("40{\"sid\"");
    }

    @Test
    void socketsBeyondTheLimitAreRefusedUntilOneEnds() throws Exception {
        start(Map.of("maxSocketIoSockets", 2));
        String first = handshake();
        WebSocketsTest.Client ws = WebSocketsTest.Client.open("ws://127.0.0.1:" + base.getPort()
                + "/socket.io/?EIO=4&transport=websocket");
        assertThat(ws.next()).startsWith("0{");
        refused(get("EIO=4&transport=polling"), 503, 3);
        assertThat(WebSocketsTest.refusal("ws://127.0.0.1:" + base.getPort()
                + "/socket.io/?EIO=4&transport=websocket")).endsWith("status code 503");
        assertThat(post("EIO=4&transport=polling&sid=" + first, "1").body()).isEqualTo("ok");
        handshake();
    }

    /** A handover that remembers what became of it. */
    private static final class Recorded implements Handover {
        final AtomicReference<String> fate = new AtomicReference<>();

        @Override
        public void kept() {
            fate.compareAndSet(null, "kept");
        }

        @Override
        public void returned() {
            fate.compareAndSet(null, "returned");
        }
    }

    /** Authenticates a polling socket for the only account; its engine connection's peer. */
    private LocalPeer authenticated(String sid) throws Exception {
        assertThat(post("EIO=4&transport=polling&sid=" + sid, "40\u001e42[\"authenticate\",{}]").body())
                .isEqualTo("ok");
        String polled = "";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!polled.contains("User authenticated") && System.nanoTime() < deadline) {
            polled += get("EIO=4&transport=polling&sid=" + sid).body();
        }
        assertThat(polled).contains("40{\"sid\"").contains("42[\"success\",\"User authenticated\"]");
        return engine.opened.get(engine.opened.size() - 1).local();
    }

    private static Notification message(String text) {
        ObjectNode envelope = MAPPER.createObjectNode().put("sourceNumber", "+15550002222");
        envelope.putObject("dataMessage").put("timestamp", 7).put("message", text);
        ObjectNode payload = MAPPER.createObjectNode();
        payload.set("envelope", envelope);
        return new Notification("receive", Optional.of("+15550001111"), payload, payload);
    }

    @Test
    void aStoredMessageAPollCarriedIsKeptAndOneNoPollCameForGoesBack() throws Exception {
        start(Map.of("settleMillis", 200L, "writeTimeoutMillis", 500L));
        String sid = handshake();
        LocalPeer peer = authenticated(sid);

        CompletableFuture<HttpResponse<String>> poll = client.sendAsync(HttpRequest.newBuilder(base.resolve(
                "/socket.io/?EIO=4&transport=polling&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
        Recorded taken = new Recorded();
        assertThat(peer.notify(message("h\u00e9llo"), taken)).isTrue();
        assertThat(poll.get().body()).contains("\"conversation\",{\"conversation_id\":\"+15550002222\"")
                .contains("h\u00e9llo");
        await().atMost(Duration.ofSeconds(5)).until(() -> taken.fate.get() != null);
        assertThat(taken.fate.get()).as("carried by a poll, the socket lived on").isEqualTo("kept");

        Recorded waiting = new Recorded();
        assertThat(peer.notify(message("nobody polls for this"), waiting)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.fate.get() != null);
        assertThat(waiting.fate.get()).as("no poll within the write timeout").isEqualTo("returned");
        refused(get("EIO=4&transport=polling&sid=" + sid), 400, 1);
        assertThat(transport.connections()).isZero();
    }
}
