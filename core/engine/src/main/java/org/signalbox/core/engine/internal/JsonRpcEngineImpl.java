package org.signalbox.core.engine.internal;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.AccountUnavailableException;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.session.Events;
import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.session.SessionListener;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC engine every transport uses. Methods and session listeners come and go as services (whiteboards);
 * it knows no method family and no event: the {@link Accounts} service is there for signal-cli's routing of the
 * {@code account} param only.
 */
@Component(service = {JsonRpcEngine.class, Events.class}, configurationPid = "org.signalbox.engine")
@Designate(ocd = EngineConfig.class)
public final class JsonRpcEngineImpl implements JsonRpcEngine, Events {

    private static final System.Logger LOG = System.getLogger("JsonRpc");

    private final Accounts accounts;
    private final Routing routing;
    private final EngineLimits limits;
    private final MethodRegistry methods;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<SessionImpl> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionIds = new AtomicLong();

    @Activate
    public JsonRpcEngineImpl(@Reference Accounts accounts, EngineConfig config) {
        this(accounts, EngineLimits.of(config));
    }

    /** An engine with the default limits, for tests and embedding. */
    public JsonRpcEngineImpl(Accounts accounts) {
        this(accounts, EngineLimits.DEFAULTS);
    }

    JsonRpcEngineImpl(Accounts accounts, EngineLimits limits) {
        this.accounts = accounts;
        this.limits = limits;
        this.methods = new MethodRegistry(limits.maxArrayItems());
        this.routing = new Routing(accounts, Boolean.getBoolean("signalbox.strictAccount"));
        methods.add(new DiscoverMethod(methods));
    }

    @Reference(service = RpcMethod.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    public void addMethod(RpcMethod method) {
        methods.add(method);
    }

    void removeMethod(RpcMethod method) {
        methods.remove(method);
    }

    /**
     * Feature bundles hear of sessions here (the whiteboard); dynamic, because a listener that publishes needs
     * this engine's {@link Events} first.
     */
    @Reference(service = SessionListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    public void addListener(SessionListener listener) {
        subscriptions.addListener(listener);
    }

    public void removeListener(SessionListener listener) {
        subscriptions.removeListener(listener);
    }

    @Deactivate
    public void deactivate() {
        sessions.forEach(SessionImpl::close);
        executor.shutdownNow();
    }

    @Override
    public Connection open(Peer peer, ConnectionOptions options) {
        SessionImpl session = session(Output.of(peer), options);
        return new RpcConnection(this, session, options);
    }

    @Override
    public LocalClient client(LocalPeer peer, ConnectionOptions options) {
        return new LocalClientImpl(this, session(Output.of(peer), options), options);
    }

    private SessionImpl session(Output out, ConnectionOptions options) {
        SessionImpl session = new SessionImpl(out.transport() + "-" + sessionIds.incrementAndGet(), out,
                subscriptions);
        sessions.add(session);
        subscriptions.opened(session, options);
        return session;
    }

    /** The session ended: its client went away. */
    void closed(SessionImpl session) {
        session.ended();
        sessions.remove(session);
    }

    @Override
    public int publish(String event, String account, Object payload) {
        return subscriptions.publish(event, account, payload);
    }

    @Override
    public int publish(String event, String account, Object payload, Handover handover) {
        return subscriptions.publish(event, account, payload, handover);
    }

    @Override
    public boolean subscribed(String event, String account) {
        return subscriptions.subscribed(event, account);
    }

    ExecutorService executor() {
        return executor;
    }

    EngineLimits limits() {
        return limits;
    }

    /**
     * A request's response and the handovers of the stored messages it carries, which share the fate of the
     * text it is written in.
     */
    record Reply(ObjectNode response, List<Handover> carried) {
        static Reply of(ObjectNode response) {
            return new Reply(response, List.of());
        }
    }

    /** Runs one valid request to completion; never throws. */
    Reply execute(Request request, ConnectionOptions options, SessionImpl session) {
        JsonNode id = request.id();
        MethodRegistry.Entry entry = methods.get(request.method());
        if (entry == null || entry.contract().sessionBound() && options.perRequest()) {
            return Reply.of(Responses.error(id, RpcError.METHOD_NOT_FOUND, Routing.NOT_IMPLEMENTED));
        }
        List<Handover> carried = new CopyOnWriteArrayList<>();
        ObjectNode response;
        try {
            ObjectNode params = params(entry.contract(), request.params());
            Routing.Target target = routing.route(entry.contract().scope(), params, options);
            ObjectNode bound = entry.binder().bind(params);
            Object result = entry.method().call(new Call(entry.contract().name(), bound, target, session, carried));
            return new Reply(Responses.result(id, result), List.copyOf(carried));
        } catch (RpcException e) {
            response = Responses.error(id, e.error().code(), e.getMessage(), e.data());
        } catch (AccountUnavailableException e) {
            response = Responses.error(id, RpcError.IO, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            response = internalError(id, request.method(), e);
        }
        carried.forEach(Handover::returned); // an error answer carries no message
        return Reply.of(response);
    }

    /** -32603 with an incident id; the details go to the log only. */
    ObjectNode internalError(JsonNode id, String during, Throwable e) {
        String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        LOG.log(System.Logger.Level.ERROR, "Internal error in " + during + " (incident " + incident + ")", e);
        return Responses.error(id, RpcError.INTERNAL.code(), "An internal error occurred (incident " + incident + ")",
                Map.of("incident", incident));
    }

    private static ObjectNode params(MethodContract method, JsonNode params) throws RpcException {
        if (params == null) {
            return Json.MAPPER.createObjectNode();
        }
        if (params.isObject()) {
            return ((ObjectNode) params).deepCopy();
        }
        var names = method.positionalParams();
        if (names.isEmpty()) {
            throw new RpcException(RpcError.INVALID_REQUEST,
                    "Method " + method.name() + " takes named params (a JSON object), not an array");
        }
        if (params.size() > names.size()) {
            throw new RpcException(RpcError.INVALID_PARAMS, "Method " + method.name() + " takes at most "
                    + names.size() + " positional params", Map.of("problem", "positional", "max", names.size()));
        }
        ObjectNode named = Json.MAPPER.createObjectNode();
        for (int i = 0; i < params.size(); i++) {
            named.set(names.get(i), params.get(i));
        }
        return named;
    }

    private final class Call implements RpcCall {
        private final String method;
        private final ObjectNode params;
        private final Routing.Target target;
        private final Session session;
        private final List<Handover> carried;
        private Object typed;

        Call(String method, ObjectNode params, Routing.Target target, Session session, List<Handover> carried) {
            this.method = method;
            this.params = params;
            this.target = target;
            this.session = session;
            this.carried = carried;
        }

        @Override
        public void carries(Handover handover) {
            carried.add(handover);
        }

        @Override
        public ObjectNode params() {
            return params;
        }

        @Override
        public <T> T params(Class<T> type) throws RpcException {
            if (!type.isInstance(typed)) {
                typed = TypedParams.bind(method, params, type);
            }
            return type.cast(typed);
        }

        @Override
        public Optional<Account> account() {
            return target.account();
        }

        @Override
        public Optional<String> accountNumber() {
            return target.number();
        }

        @Override
        public Accounts accounts() {
            return accounts;
        }

        @Override
        public Session session() {
            return session;
        }
    }
}
