package org.signalbox.transport.websocket.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.ReceiveMode;
import org.signalbox.api.transport.Transport;

/**
 * One embedded Jetty server per factory configuration of {@value #FACTORY_PID}: JSON-RPC over {@code POST
 * /api/v1/rpc}, Server-Sent Events on {@code /api/v1/events}, JSON-RPC over WebSocket on {@code /api/v1/ws} and
 * seed 002's Socket.IO dialect on {@code /socket.io/}. Each instance owns its port, so instances come and go
 * without touching each other or any other transport.
 */
@Component(configurationPid = HttpTransport.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, immediate = true)
@Designate(ocd = HttpConfig.class, factory = true)
public final class HttpTransport implements Transport {

    public static final String FACTORY_PID = "org.signalbox.transport.http";
    static final String WEBSOCKET = "/api/v1/ws";
    static final String SOCKET_IO = "/socket.io/";
    private static final System.Logger LOG = System.getLogger("Http");

    private final Server jetty;
    private final EventStreams events;
    private final WebSockets sockets = new WebSockets();
    private EngineSessions engineIo;
    private final ScheduledExecutorService timer;
    private final String name;
    private volatile State state = State.STARTING;
    private volatile Optional<String> failure = Optional.empty();

    @Activate
    public HttpTransport(HttpConfig config, @Reference JsonRpcEngine engine, @Reference Accounts accounts) {
        this.events = new EventStreams(engine, accounts, config);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("http-" + config.port() + "-timer").factory());
        String label = "http:" + config.host() + ":" + config.port();
        Server server = null;
        try {
            ReceiveMode mode = ReceiveMode.fromConfiguration(config.receiveMode());
            Access access = new Access(config);
            server = jetty(config, access, engine, accounts, mode.automatic());
            server.start();
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            access.bound(port);
            label = "http:" + config.host() + ":" + port;
            long ping = Math.max(1000, config.webSocketIdleMillis() / 3);
            timer.scheduleAtFixedRate(sockets::ping, ping, ping, TimeUnit.MILLISECONDS);
            state = State.RUNNING;
            LOG.log(System.Logger.Level.INFO, "Listening for JSON-RPC on " + label + " (HTTP, SSE, WebSocket,"
                    + " Socket.IO)" + (access.tokenRequired() ? ", token required" : ""));
        } catch (Exception e) {
            stopQuietly(server);
            server = null;
            timer.shutdownNow();
            // Jetty wraps a refused bind ("Failed to bind to …"); its cause says why (Address already in use)
            Throwable cause = e.getCause() instanceof java.net.BindException ? e.getCause() : e;
            failure = Optional.of(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            state = State.FAILED;
            LOG.log(System.Logger.Level.ERROR, "Cannot serve JSON-RPC on " + label + ": " + failure.get());
        }
        this.jetty = server;
        this.name = label;
    }

    private Server jetty(HttpConfig config, Access access, JsonRpcEngine engine, Accounts accounts,
            boolean automatic) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("signalbox-http-" + config.port());
        // an SSE stream or a slow send holds its handler thread; virtual threads make that cheap
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeoutMillis());
        server.addConnector(connector);
        ContextHandler root = new ContextHandler("/");
        server.setHandler(root);
        SocketIoDialect.Context dialect = new SocketIoDialect.Context(engine, accounts, access, config,
                new SocketIoRooms(), automatic);
        EngineSessions engineIo = new EngineSessions(config, timer, dialect);
        this.engineIo = engineIo;
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, root, container -> {
            container.setMaxTextMessageSize(config.maxMessageBytes());
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(Duration.ofMillis(config.webSocketIdleMillis()));
            container.addMapping(WEBSOCKET, (request, response, callback) -> {
                Access.Grant grant = admit(access, request, response, callback);
                return grant == null ? null : new RpcSocket(engine, new ConnectionOptions(
                        Endpoints.account(config.account(), grant), automatic), Access.trusted(request, grant),
                        config.writeTimeoutMillis(), config.settleMillis(), sockets, config.maxMessageBytes());
            });
            container.addMapping(SOCKET_IO, (request, response, callback) -> socketIo(access, engineIo, config,
                    request, response, callback));
        });
        upgrades.setHandler(new Endpoints(access, new RpcEndpoint(engine, config), events,
                new EnginePolling(access, engineIo, config.maxMessageBytes())));
        root.setHandler(upgrades);
        return server;
    }

    /** The grant for a WebSocket upgrade, or null after answering the refusal. */
    private static Access.Grant admit(Access access, ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback) {
        Access.Decision decision = access.check(request, true);
        if (decision.refusal() != 0) {
            Response.writeError(request, response, callback, decision.refusal());
            return null;
        }
        return decision.grant();
    }

    /**
     * A Socket.IO WebSocket: a new Engine.IO socket, or with {@code sid} the upgrade of a polling one. Clients
     * authenticate inside the protocol (CONNECT payload, {@code authenticate}, a v3 {@code token} query), so only
     * Host and Origin are checked here.
     */
    private WebSocketCarrier socketIo(Access access, EngineSessions engineIo, HttpConfig config,
            ServerUpgradeRequest request, ServerUpgradeResponse response, org.eclipse.jetty.util.Callback callback) {
        int refused = access.screen(request);
        if (refused != 0) {
            Response.writeError(request, response, callback, refused);
            return null;
        }
        Map<String, String> query = EnginePolling.query(request);
        int protocol = EnginePolling.protocol(query);
        if (protocol == 0 || !"websocket".equals(query.get("transport"))) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                    "Engine.IO v3 or v4 (EIO=3 or EIO=4) over transport=websocket");
            return null;
        }
        if (!query.containsKey("sid")) {
            if (engineIo.full()) {
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        EngineSessions.FULL);
                return null;
            }
            boolean trusted = Access.trusted(request, Access.Grant.OPEN);
            return new WebSocketCarrier(config, sockets, () -> engineIo.create(protocol, trusted), query);
        }
        Optional<EngineSession> polling = engineIo.find(query.get("sid"))
                .filter(s -> s.protocol == protocol && s.upgradable());
        if (polling.isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "Session ID unknown");
            return null;
        }
        return new WebSocketCarrier(config, sockets, polling.get());
    }

    private static void stopQuietly(Server server) {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "Stopping a half-started server: " + e);
            }
        }
    }

    /** Ends event streams with a clean chunked end and WebSockets with 1001, then stops Jetty. */
    @Deactivate
    void stop() {
        if (jetty == null) {
            return;
        }
        state = State.STOPPING;
        events.stop();
        engineIo.stop();
        sockets.stop();
        timer.shutdownNow();
        try {
            jetty.setStopTimeout(2000);
            jetty.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping " + name + ": " + e.getMessage());
        }
        state = State.STOPPED;
        LOG.log(System.Logger.Level.INFO, "Stopped " + name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String endpoint() {
        return name.replaceFirst("^http:", "http://") + "/api/v1";
    }

    @Override
    public int connections() {
        return events.count() + sockets.count() + (engineIo == null ? 0 : engineIo.polling());
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<String> failure() {
        return failure;
    }
}
