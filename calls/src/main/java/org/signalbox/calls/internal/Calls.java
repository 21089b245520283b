package org.signalbox.calls.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.ContentListener;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.network.Network;
import org.signalbox.api.network.Received;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.session.Events;
import org.signalbox.calls.internal.tunnel.Tunnel;
import org.signalbox.calls.internal.tunnel.TunnelBinary;
import org.signalbox.calls.internal.tunnel.TunnelProcess;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The daemon's calls: starts them for clients, rings them for offers that arrive, routes the peer's signalling
 * to the call it belongs to (only from that call's peer), and ends them all when the daemon stops.
 */
@Component(service = {Calls.class, ContentListener.class}, configurationPid = Calls.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CallsConfig.class)
public final class Calls implements ContentListener<CallMessage>, CallContext {

    public static final String PID = "org.signalbox.calls";
    public static final String EVENT = "callEvent";
    private static final System.Logger LOG = System.getLogger("Calls");
    /** How long a client request waits for its call to act. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final CallsConfig config;
    private final Network network;
    private volatile Events events;
    private final String home;
    /** By account and id: two accounts of this daemon calling each other hold one call id twice. */
    private final Map<Key, Call> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    /** Busy answers in flight: a peer flooding offers gets some, not a thread each. */
    private final Semaphore busyAnswers = new Semaphore(16);
    private volatile boolean stopping;

    private record Key(String account, long id) {
        static Key of(Call c) {
            return new Key(c.account.number(), c.id);
        }
    }

    @Activate
    public Calls(CallsConfig config, BundleContext bundle, @Reference Network network) {
        this(config, network, null, bundle.getProperty("signalbox.home"));
    }

    /**
     * Optional and dynamic for the same reason as messaging's delivery: the engine that provides events binds the
     * call methods, which need this component, so a mandatory reference would have each wait for the other.
     * Until the engine comes nobody can subscribe, so offers are ignored and there is nobody to tell.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEvents(Events value) {
        events = value;
    }

    void unsetEvents(Events value) {
        if (events == value) {
            events = null;
        }
    }

    Calls(CallsConfig config, Network network, Events events, String home) {
        this.config = config;
        this.network = network;
        this.events = events;
        this.home = home;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "call-timers");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- for the methods

    /** startCall: a new outgoing call to {@code recipient}. */
    public CallInfo start(Account account, String recipient) throws RpcException {
        if (stopping) {
            throw RpcException.io("The daemon is stopping");
        }
        if (calls.size() >= config.maxConcurrentCalls()) {
            throw RpcException.io("Too many calls at once (maxConcurrentCalls " + config.maxConcurrentCalls() + ")");
        }
        UUID peer;
        try {
            peer = network.aci(account, recipient)
                    .orElseThrow(() -> RpcException.user("Recipient not registered: " + recipient));
        } catch (IllegalArgumentException e) {
            throw RpcException.user(e.getMessage());
        } catch (IOException e) {
            throw RpcException.io(e.getMessage());
        }
        long id;
        Call call;
        do {
            id = CallIds.random();
            call = new Call(id, account, peer, recipient.startsWith("+") ? recipient : null, true, this);
        } while (calls.putIfAbsent(Key.of(call), call) != null);
        CallInfo s = await(call.startOutgoing());
        if (s.state() == CallState.ENDED && call.spawnError != null) {
            throw RpcException.io("Cannot start the call tunnel: " + call.spawnError);
        }
        return s;
    }

    public CallInfo accept(Account account, long id) throws RpcException {
        return await(find(account, id).accept());
    }

    public void hangup(Account account, long id) throws RpcException {
        await(find(account, id).hangup());
    }

    public void reject(Account account, long id) throws RpcException {
        await(find(account, id).reject());
    }

    public List<CallInfo> list(Account account) {
        return calls.values().stream().filter(c -> c.account.number().equals(account.number()))
                .map(Call::snapshot).toList();
    }

    private Call find(Account account, long id) throws RpcException {
        Call c = calls.get(new Key(account.number(), id));
        if (c == null) {
            throw RpcException.io("No active call with id " + id);
        }
        return c;
    }

    private static CallInfo await(CompletableFuture<CallInfo> step) throws RpcException {
        try {
            return step.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw RpcException.io(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw RpcException.io("The call did not answer within " + STEP_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcException.io("Interrupted");
        }
    }

    // ---- the network

    @Override
    public Class<CallMessage> kind() {
        return CallMessage.class;
    }

    @Override
    public void received(Received<CallMessage> r) {
        CallMessage m = r.content();
        Account account = r.account();
        if (m instanceof CallMessage.Offer offer) {
            offered(r, offer);
            return;
        }
        Call c = calls.get(new Key(account.number(), m.id()));
        if (c == null || !c.peer.equals(r.sender().aci())) {
            LOG.log(System.Logger.Level.DEBUG, "Ignored " + m.getClass().getSimpleName() + " for no call of "
                    + account.number() + " with " + r.sender().aci());
            return;
        }
        c.network(m, r.sender());
    }

    private void offered(Received<CallMessage> r, CallMessage.Offer offer) {
        Account account = r.account();
        String from = r.sender().aci().toString();
        Events e = events;
        if (stopping || e == null || !e.subscribed(EVENT, account.number())) {
            LOG.log(System.Logger.Level.DEBUG, "Ignored an offer for " + account.number()
                    + ": no client subscribed to its call events");
            return;
        }
        long age = Math.max(0, System.currentTimeMillis() - r.timestamp());
        if (age > config.ringTimeoutMillis()) {
            LOG.log(System.Logger.Level.INFO, "Ignored a stale offer from " + from + " (sent " + age / 1000
                    + " s ago)");
            return;
        }
        if (calls.containsKey(new Key(account.number(), offer.id()))) {
            return; // the same offer again
        }
        boolean inCall = calls.values().stream().anyMatch(c -> c.account.number().equals(account.number()));
        if (inCall || calls.size() >= config.maxConcurrentCalls()) {
            if (busyAnswers.tryAcquire()) {
                Thread.ofVirtual().name("call-busy").start(() -> {
                    try {
                        busy(account, from, offer.id());
                    } finally {
                        busyAnswers.release();
                    }
                });
            }
            return;
        }
        Call call = new Call(offer.id(), account, r.sender().aci(), r.sender().number(), false, this);
        if (calls.putIfAbsent(Key.of(call), call) == null) {
            call.startIncoming(offer, r.sender(), age / 1000);
        }
    }

    private void busy(Account account, String peer, long id) {
        try {
            Delivery d = network.send(account, List.of(peer), new CallMessage.Busy(id)).get(0);
            LOG.log(System.Logger.Level.INFO, "Answered busy to an offer from " + peer + ": " + d.outcome());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not answer busy to " + peer + ": " + e.getMessage());
        }
    }

    // ---- CallContext

    @Override
    public CallsConfig config() {
        return config;
    }

    @Override
    public Delivery send(Account from, String peer, CallMessage message) throws IOException {
        return network.send(from, List.of(peer), message).get(0);
    }

    @Override
    public List<IceServer> iceServers(Account account) {
        try {
            List<IceServer> relays = network.relays(account);
            if (!relays.isEmpty()) {
                return relays;
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "No relays from the messaging server: " + e.getMessage());
        }
        if (config.iceServers().length == 0) {
            return List.of();
        }
        return List.of(new IceServer(List.of(config.iceServers()), config.iceUsername(), config.icePassword()));
    }

    @Override
    public Tunnel spawn(Call call, ObjectNode first, Tunnel.Listener listener) throws IOException,
            TunnelBinary.NotFound {
        Path binary = TunnelBinary.find(System.getenv(), config.tunnelPath(), home);
        return TunnelProcess.start(binary, first, "tunnel-" + call.name(), listener, config.maxLineBytes(),
                Duration.ofMillis(config.hangupGraceMillis()), Map.of());
    }

    @Override
    public void publish(Call call, String reason) {
        Events e = events;
        if (e == null) {
            return;
        }
        e.publish(EVENT, call.account.number(), event(call.snapshot(), reason, call.account.number()));
    }

    /** signal-cli's {@code callEvent} result (absent members omitted), plus the account it concerns. */
    static Map<String, Object> event(CallInfo s, String reason, String account) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("callId", s.id());
        e.put("state", s.state().name());
        Optional.ofNullable(s.number()).ifPresent(n -> e.put("number", n));
        Optional.ofNullable(s.uuid()).ifPresent(u -> e.put("uuid", u.toString()));
        e.put("isOutgoing", s.outgoing());
        Optional.ofNullable(s.inputDevice()).ifPresent(n -> e.put("inputDeviceName", n));
        Optional.ofNullable(s.outputDevice()).ifPresent(n -> e.put("outputDeviceName", n));
        Optional.ofNullable(reason).ifPresent(r -> e.put("reason", r));
        e.put("account", account);
        return e;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long millis) {
        return timers.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void ended(Call call) {
        calls.remove(Key.of(call), call);
    }

    /** Ends every call (reason {@code shutdown}), their tunnels reaped, before the bundle goes. */
    @Deactivate
    void close() {
        stopping = true;
        Collection<CompletableFuture<CallInfo>> ending = new ArrayList<>();
        for (Call c : calls.values()) {
            ending.add(c.shutdown());
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(4 * config.hangupGraceMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "Not every call ended cleanly at shutdown: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }
}
