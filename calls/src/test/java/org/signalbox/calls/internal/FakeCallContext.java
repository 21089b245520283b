package org.signalbox.calls.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.calls.internal.tunnel.Tunnel;
import org.signalbox.calls.internal.tunnel.TunnelBinary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A call's surroundings for state machine tests: the peer is a list of what was sent to it, the tunnel a list of
 * the commands it got and a hand that plays its events, the clients a queue of callEvents.
 */
final class FakeCallContext implements CallContext {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final UUID PEER = UUID.fromString("11111111-2222-4333-8444-555555555555");

    final BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
    final List<CallMessage> sent = new CopyOnWriteArrayList<>();
    final List<ObjectNode> commands = new CopyOnWriteArrayList<>();
    final List<Call> ended = new CopyOnWriteArrayList<>();
    volatile Tunnel.Listener tunnel;
    volatile boolean tunnelAlive = true;
    volatile boolean tunnelEnded;
    volatile boolean spawnFails;
    volatile Delivery.Outcome outcome = Delivery.Outcome.SUCCESS;
    final long ringTimeout;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    FakeCallContext(long ringTimeout) {
        this.ringTimeout = ringTimeout;
    }

    static final Account ACCOUNT = new Account() {
        @Override
        public String number() {
            return "+15550001111";
        }

        @Override
        public UUID uuid() {
            return UUID.fromString("aaaaaaaa-2222-4333-8444-555555555555");
        }

        @Override
        public int deviceId() {
            return 1;
        }

        @Override
        public byte[] identityKey() {
            return new byte[32];
        }

        @Override
        public boolean registered() {
            return true;
        }

        @Override
        public AccountStore store() {
            throw new UnsupportedOperationException();
        }
    };

    @Override
    public CallsConfig config() {
        return new CallsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CallsConfig.class;
            }

            @Override
            public String tunnelPath() {
                return "";
            }

            @Override
            public long ringTimeoutMillis() {
                return ringTimeout;
            }

            @Override
            public String[] iceServers() {
                return new String[0];
            }

            @Override
            public String iceUsername() {
                return "";
            }

            @Override
            public String icePassword() {
                return "";
            }

            @Override
            public int maxConcurrentCalls() {
                return 8;
            }

            @Override
            public long hangupGraceMillis() {
                return 100;
            }

            @Override
            public int maxLineBytes() {
                return 4096;
            }

            @Override
            public boolean hideIp() {
                return false;
            }
        };
    }

    @Override
    public Delivery send(Account from, String peer, CallMessage message) {
        sent.add(message);
        return new Delivery(peer, peer, outcome, "");
    }

    @Override
    public List<IceServer> iceServers(Account account) {
        return List.of(new IceServer(List.of("turn:127.0.0.1:3478"), "u", "p"));
    }

    @Override
    public Tunnel spawn(Call call, ObjectNode config, Tunnel.Listener listener) throws IOException,
            TunnelBinary.NotFound {
        if (spawnFails) {
            throw new TunnelBinary.NotFound("no tunnel here");
        }
        commands.add(config);
        tunnel = listener;
        return new Tunnel() {
            @Override
            public boolean send(ObjectNode line) {
                commands.add(line);
                return true;
            }

            @Override
            public boolean alive() {
                return tunnelAlive;
            }

            @Override
            public void end(Duration grace) {
                tunnelEnded = true;
            }
        };
    }

    @Override
    public void publish(Call call, String reason) {
        events.add(Calls.event(call.snapshot(), reason, call.account.number()));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long millis) {
        return timers.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void ended(Call call) {
        ended.add(call);
    }

    /** Plays a tunnel event, as its reader thread would. */
    void tunnelSays(String json) throws IOException {
        tunnel.event((ObjectNode) MAPPER.readTree(json));
    }

    /** The next callEvent within 5 s. */
    Map<String, Object> nextEvent() throws InterruptedException {
        Map<String, Object> e = events.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no callEvent within 5 s");
        }
        return e;
    }

    List<String> commandTypes() {
        return commands.stream().map(c -> c.path("type").asText(c.has("call_id") ? "config" : "")).toList();
    }

    void close() {
        timers.shutdownNow();
    }
}
