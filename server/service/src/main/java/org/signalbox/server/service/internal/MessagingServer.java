package org.signalbox.server.service.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;

/** A running server: its database, the shared state, and Jetty serving WebSocket connections on {@code /api}. */
final class MessagingServer implements AutoCloseable {

    static final String PATH = "/api";
    /** The storage SPI's account id for the server's own database. */
    static final String STORE_ID = "messaging-server";
    /** Clients ping every 30 s (docs/protocol/server-transport.md); silence for this long means a dead peer. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private static final System.Logger LOG = System.getLogger("Server");

    private final AccountStore store;
    private final ServerContext context;
    private final Server jetty;
    private final URI uri;

    private MessagingServer(AccountStore store, ServerContext context, Server jetty, URI uri) {
        this.store = store;
        this.context = context;
        this.jetty = jetty;
        this.uri = uri;
    }

    static MessagingServer start(Settings settings, StorageBackend backend) throws Exception {
        AccountStore store = backend.open(settings.dataDir(), STORE_ID);
        Mailboxes mailboxes = null;
        ScheduledExecutorService scheduler = null;
        Server jetty = null;
        try {
            mailboxes = new Mailboxes(store);
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("signalbox-server-timer")
                    .daemon().factory());
            Limits limits = settings.limits();
            ServerContext context = new ServerContext(settings, new PreKeyRegistry(store), mailboxes,
                    new Directory(store), CertificateAuthority.open(store, settings.certificateLifetime(),
                            Clock.systemUTC()), scheduler, ConcurrentHashMap.newKeySet(),
                    new Quotas(limits, mailboxes), new RegistrationLocks(store, limits),
                    new RateLimits(limits.oneTimeKeysPerTarget(), limits.preKeyWindow()),
                    new RateLimits(limits.preKeyRequestsPerSource(), limits.preKeyWindow()));
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("signalbox-server");
            threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
            jetty = new Server(threads);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            jetty.addConnector(connector);
            ContextHandler root = new ContextHandler("/");
            jetty.setHandler(root);
            root.setHandler(WebSocketUpgradeHandler.from(jetty, root, container -> {
                container.setMaxBinaryMessageSize(settings.maxFrameBytes());
                container.setMaxTextMessageSize(settings.maxFrameBytes());
                container.setIdleTimeout(IDLE_TIMEOUT);
                container.addMapping(PATH, (request, response, callback) -> new ClientSession(context));
            }));
            jetty.start();
            URI uri = URI.create("ws://" + hostForUri(settings.host()) + ":" + connector.getLocalPort() + PATH);
            LOG.log(System.Logger.Level.INFO, "Messaging server listening on " + uri);
            return new MessagingServer(store, context, jetty, uri);
        } catch (Exception e) {
            if (jetty != null) {
                jetty.stop();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (mailboxes != null) {
                mailboxes.close();
            }
            store.close();
            throw e;
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    URI uri() {
        return uri;
    }

    CertificateAuthority authority() {
        return context.authority();
    }

    int connections() {
        return context.connections().size();
    }

    /** Stops accepting, closes connections, commits queued changes, closes the database. */
    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
            List.copyOf(context.connections()).forEach(ClientSession::release);
            context.scheduler().shutdownNow();
            context.mailboxes().close();
        } finally {
            try {
                store.close();
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing the server database: " + e.getMessage());
            }
        }
    }
}
