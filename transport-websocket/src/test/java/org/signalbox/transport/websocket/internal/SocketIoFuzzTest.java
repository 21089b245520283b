package org.signalbox.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Peer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Any sequence of WebSocket text frames on {@code /socket.io/}: the server only ever sends well-formed Engine.IO
 * packets (a JSON payload where one belongs), never throws out of the listener, and a closed socket leaves no engine
 * connection open; each frame read as a polling body is packets or a refusal with a reason. Runs its seeds in every build and fuzzes with {@code JAZZER_FUZZ=1}.
 */
class SocketIoFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final List<String> BAD = new CopyOnWriteArrayList<>();
    private static final AtomicInteger OPEN = new AtomicInteger();

    /** Answers every call with {@code {timestamp: 1}}, as a quiet daemon would; counts open sessions. */
    private static final JsonRpcEngine ENGINE = new JsonRpcEngine() {
        @Override
        public Connection open(Peer peer, ConnectionOptions options) {
            throw new UnsupportedOperationException("the dialect is an in-process client");
        }

        @Override
        public LocalClient client(LocalPeer peer, ConnectionOptions options) {
            OPEN.incrementAndGet();
            return new LocalClient() {
                @Override
                public CompletableFuture<Answer> call(String method, ObjectNode params) {
                    if (method.isBlank()) {
                        BAD.add("the dialect called a method without a name");
                    }
                    return CompletableFuture.completedFuture(new Answer(MAPPER.createObjectNode().put("timestamp", 1),
                            null));
                }

                @Override
                public org.signalbox.api.session.Session session() {
                    return null;
                }

                @Override
                public void close() {
                    OPEN.decrementAndGet();
                }
            };
        }
    };

    /** A Jetty session that checks every frame the server sends. */
    private static Session session(List<String> sent, boolean[] open) {
        return (Session) Proxy.newProxyInstance(SocketIoFuzzTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sendText" -> {
                        String frame = (String) args[0];
                        sent.add(frame);
                        check(frame);
                        ((Callback) args[1]).succeed();
                        yield null;
                    }
                    case "close", "disconnect" -> {
                        open[0] = false;
                        if (args != null && args.length == 3) {
                            ((Callback) args[2]).succeed();
                        }
                        yield null;
                    }
                    case "isOpen" -> open[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static void check(String frame) {
        try {
            if (frame.equals("2") || frame.startsWith("3")) {
                return;
            }
            if (frame.startsWith("0")) {
                assertThat(MAPPER.readTree(frame.substring(1)).has("sid")).isTrue();
            } else if (frame.startsWith("40") || frame.startsWith("44")) {
                String json = frame.substring(2).replaceFirst("^/[^,]*,", "");
                assertThat(MAPPER.readTree(json).isObject()).isTrue();
            } else if (frame.startsWith("42")) {
                assertThat(MAPPER.readTree(frame.substring(2)).isArray()).isTrue();
            } else if (frame.startsWith("43")) {
                assertThat(MAPPER.readTree(frame.substring(2).replaceFirst("^[0-9]+", "")).isArray()).isTrue();
            } else {
                BAD.add("not an Engine.IO packet: " + frame);
            }
        } catch (Exception | AssertionError e) {
            BAD.add("malformed frame " + frame + ": " + e);
        }
    }

    /** The same text as a polling body: read as packets, or refused with a reason. */
    private static void polled(int protocol, String body) {
        try {
            if (EnginePayload.decode(protocol, body).stream().anyMatch(String::isEmpty)) {
                BAD.add("an empty packet read from " + body);
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                BAD.add("a refusal without a reason: " + body);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void framesNeverBreakTheServer(FuzzedDataProvider data) throws Exception {
        HttpConfig config = FakeEngine.config(Map.of());
        SocketIoDialect.Context context = new SocketIoDialect.Context(ENGINE, FakeEngine.accounts(),
                new Access(config), config, new SocketIoRooms(), true);
        EngineSessions sessions = new EngineSessions(config, TIMER, context);
        WebSocketCarrier socket = new WebSocketCarrier(config, new WebSockets(), () -> sessions.create(4, true),
                Map.of());
        List<String> sent = new CopyOnWriteArrayList<>();
        boolean[] open = {true};
        socket.onWebSocketOpen(session(sent, open));
        int frames = data.consumeInt(1, 8);
        for (int i = 0; i < frames && open[0]; i++) {
            String frame = i == frames - 1 ? data.consumeRemainingAsString() : data.consumeString(200);
            polled(i % 2 == 0 ? 4 : 3, frame);
            socket.onWebSocketText(frame);
        }
        socket.onWebSocketClose(1000, "");
        assertThat(sent.get(0)).startsWith("0{");
        // events run on virtual threads; one still running when the socket closed must not bind it again
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (OPEN.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(OPEN.get()).as("engine connections left open by a closed socket").isZero();
        assertThat(BAD).isEmpty();
    }
}
