package org.signalbox.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.transport.Transport;

/**
 * JSON-RPC over WebSocket and the Engine.IO/Socket.IO framing, with the JDK WebSocket client: frames, limits,
 * heartbeats, and the close frames a client sees.
 */
class WebSocketsTest {

    private final FakeEngine engine = new FakeEngine();
    private HttpTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
    }

    private int start(Map<String, Object> config) {
        transport = new HttpTransport(FakeEngine.config(config), engine, FakeEngine.accounts());
        assertThat(transport.state()).isEqualTo(Transport.State.RUNNING);
        return Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
    }

    /** Collects text frames and the close status. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client open(String uri) {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(uri), c).join();
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String f = frames.poll(10, TimeUnit.SECONDS);
            assertThat(f).as("a frame within 10 s").isNotNull();
            return f;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }
    }

    @Test
    void jsonRpcTravelsOneValuePerTextFrameWithNotifications() throws Exception {
        int port = start(Map.of("maxMessageBytes", 1000L));
        Client c = Client.open("ws://127.0.0.1:" + port + "/api/v1/ws");
        c.send("{\"id\":1}");
        assertThat(c.next()).isEqualTo("{\"echo\":\"{\\\"id\\\":1}\"}");
        FakeEngine.Opened o = engine.opened.get(0);
        assertThat(o.options().perRequest()).isFalse();
        assertThat(o.options().automaticReceive()).isTrue();
        assertThat(o.peer().local()).isTrue();
        assertThat(o.peer().write("{\"method\":\"receive\"}")).isTrue();
        assertThat(c.next()).isEqualTo("{\"method\":\"receive\"}");

        Client big = Client.open("ws://127.0.0.1:" + port + "/api/v1/ws");
        big.send("x".repeat(2000));
        assertThat(big.next()).as("a message over the limit is answered as an over-long line").isEqualTo(
                "{\"error\":\"too long\"}");
        assertThat(engine.oversized).containsExactly(1000L);
        big.send("\u00e9".repeat(600));
        assertThat(big.next()).as("the limit counts UTF-8 bytes, not chars").isEqualTo("{\"error\":\"too long\"}");
        big.send("{\"id\":\"" + "\u00e9".repeat(400) + "\"}");
        assertThat(big.next()).as("the socket goes on after an oversized message").contains("\u00e9".repeat(400));
        assertThat(big.closed).isNotDone();
        Client binary = Client.open("ws://127.0.0.1:" + port + "/api/v1/ws");
        binary.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), true).join();
        assertThat(binary.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1003);

        c.send("{\"id\":2}");
        assertThat(c.next()).as("the first client still served").contains("\\\"id\\\":2");
        transport.stop();
        transport = null;
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).as("going away").isEqualTo(1001);
        await().until(() -> engine.closed.contains(o.peer()));
    }

    /** The JDK client's words for a refused handshake (they name the HTTP status). */
    static String refusal(String uri) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Client.open(uri));
        assertThat(t).as("the handshake is refused").isNotNull();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Test
    void aSlowButSteadyReaderOfAHugeFrameIsNotCutOff() throws Exception {
        int port = start(Map.of("writeTimeoutMillis", 1000L));
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        CompletableFuture<Boolean> whole = new CompletableFuture<>();
        WebSocket slow = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + port + "/api/v1/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        read.addAndGet(data.length());
                        if (last) {
                            whole.complete(true);
                        }
                        try {
                            Thread.sleep(10); // a reader that keeps taking, slowly
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        await().until(() -> !engine.opened.isEmpty());
        String huge = "{\"x\":\"" + "y".repeat(6 * 1024 * 1024) + "\"}";
        long start = System.nanoTime();
        assertThat(engine.last().write(huge)).as("a steady reader is no timeout").isTrue();
        assertThat(whole.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("slower than the write timeout")
                .isGreaterThan(Duration.ofMillis(1500));
        slow.abort();
    }

    @Test
    void aTokenIsNeededForTheUpgradeWhenConfigured() throws Exception {
        int port = start(Map.of("token", "s3cret"));
        assertThat(refusal("ws://127.0.0.1:" + port + "/api/v1/ws")).endsWith("status code 401");
        Client c = Client.open("ws://127.0.0.1:" + port + "/api/v1/ws?access_token=s3cret");
        c.send("{\"id\":1}");
        assertThat(c.next()).contains("echo");
    }

    @Test
    void engineIoOpensPingsAndConnectsTheDefaultNamespace() throws Exception {
        int port = start(Map.of("pingIntervalMillis", 300L, "pingTimeoutMillis", 300L));
        Client c = Client.open("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
        String open = c.next();
        assertThat(open).startsWith("0{").contains("\"upgrades\":[]").contains("\"pingInterval\":300")
                .contains("\"sid\":");
        c.send("40");
        assertThat(c.next()).matches("40\\{\"sid\":\"[A-Za-z0-9_-]+\"\\}");
        c.send("42[\"no_such_event\",{}]");
        assertThat(c.next()).isEqualTo("42[\"error\",\"Unknown event 'no_such_event'\"]");
        c.send("427[\"no_such_event\"]");
        assertThat(c.next()).startsWith("42[\"error\"");
        assertThat(c.next()).isEqualTo("437[{\"message\":\"Unknown event 'no_such_event'\"}]");
        c.send("42[\"join_conversation\",{\"conversation_id\":\"+15550002222\"}]");
        assertThat(c.next()).isEqualTo("42[\"error\",\"Socket user not found: authenticate first\"]");
        c.send("42{not json");
        assertThat(c.next()).isEqualTo("42[\"error\",\"Malformed event: not JSON\"]");
        c.send("40/admin,");
        assertThat(c.next()).startsWith("44/admin,{\"message\":");
        // heartbeats: answered pings keep it open, several intervals long
        for (int i = 0; i < 4; i++) {
            assertThat(c.next()).isEqualTo("2");
            c.send("3");
        }
        assertThat(c.closed).isNotDone();
        // then silence: closed within interval + timeout
        assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void engineIoV3ConnectsUnaskedAndAuthenticatesByQuery() throws Exception {
        int port = start(Map.of("token", "s3cret"));
        Client c = Client.open("ws://127.0.0.1:" + port + "/socket.io/?EIO=3&transport=websocket&token=s3cret");
        assertThat(c.next()).startsWith("0{").doesNotContain("maxPayload");
        assertThat(c.next()).as("Socket.IO v4: CONNECT to / unasked, bare").isEqualTo("40");
        c.send("42[\"join_conversation\",{}]");
        assertThat(c.next()).as("authenticated: the event is served").isEqualTo(
                "42[\"error\",\"Parameter conversation_id missing\"]");
        c.send("2");
        assertThat(c.next()).as("v3: the client pings, the server answers").isEqualTo("3");

        Client wrong = Client.open("ws://127.0.0.1:" + port + "/socket.io/?EIO=3&transport=websocket&token=guess");
        wrong.next();
        assertThat(wrong.next()).as("v4's refusal is text").isEqualTo("44\"Invalid token\"");
        wrong.send("42[\"join_conversation\",{}]");
        assertThat(wrong.closed.get(10, TimeUnit.SECONDS)).as("EVENT before CONNECT").isEqualTo(1002);
    }

    @Test
    void engineIoRefusesWhatIsNotV3OrV4WebSocketOrStartsWithoutConnect() throws Exception {
        int port = start(Map.of());
        assertThat(refusal("ws://127.0.0.1:" + port + "/socket.io/?EIO=5&transport=websocket"))
                .endsWith("status code 400");
        assertThat(refusal("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling"))
                .endsWith("status code 400");
        assertThat(refusal("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket&sid=nobody"))
                .as("an upgrade of no socket").endsWith("status code 400");
        Client c = Client.open("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
        c.next();
        c.send("42[\"authenticate\",{}]");
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).as("EVENT before CONNECT").isEqualTo(1002);
    }

}
