package org.signalbox.transport.socket.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.Transport;

/**
 * One listening socket, TCP or UNIX domain, per factory configuration of {@value #FACTORY_PID}: every accepted
 * client is its own JSON-RPC connection (own subscriptions, own automatic receive), one JSON value per line each
 * way. Stopping closes the listener and every connection between two whole lines.
 */
@Component(configurationPid = SocketTransport.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, immediate = true)
@Designate(ocd = SocketConfig.class, factory = true)
public final class SocketTransport implements Transport {

    public static final String FACTORY_PID = "org.signalbox.transport.socket";
    private static final System.Logger LOG = System.getLogger("Socket");

    private final JsonRpcEngine engine;
    private final ServerSocketChannel listener;
    private final Path unixPath;
    private final String name;
    private final ConnectionOptions options;
    private final long maxLineBytes;
    private final long writeTimeoutMillis;
    private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();
    private volatile State state = State.STARTING;
    private volatile Optional<String> failure = Optional.empty();

    /**
     * Binds at once. An instance that cannot (address in use, bad values) stays registered in state FAILED with
     * its reason, so whoever configured it can say why instead of reading a stack trace.
     */
    @Activate
    public SocketTransport(SocketConfig config, @Reference JsonRpcEngine engine) {
        this.engine = engine;
        this.maxLineBytes = config.maxLineBytes();
        this.writeTimeoutMillis = config.writeTimeoutMillis();
        String mode = config.receiveMode().toLowerCase(Locale.ROOT);
        this.options = new ConnectionOptions(config.account().isBlank() ? Optional.empty()
                : Optional.of(config.account().strip()), !mode.equals("manual"));
        String kind = config.kind().toLowerCase(Locale.ROOT);
        this.unixPath = kind.equals("unix") && !config.path().isBlank() ? Path.of(config.path()).toAbsolutePath()
                : null;
        ServerSocketChannel bound = null;
        String label = kind.equals("unix") ? "unix:" + unixPath : kind + ":" + config.host() + ":" + config.port();
        try {
            if (!Set.of("on-start", "on-connection", "manual").contains(mode)) {
                throw new IllegalArgumentException("receiveMode must be on-start, on-connection or manual, not '"
                        + config.receiveMode() + "'");
            }
            switch (kind) {
                case "tcp" -> {
                    bound = ServerSocketChannel.open(StandardProtocolFamily.INET);
                    bound.bind(new InetSocketAddress(config.host(), config.port()));
                    InetSocketAddress address = (InetSocketAddress) bound.getLocalAddress();
                    label = "tcp:" + address.getHostString() + ":" + address.getPort();
                }
                case "unix" -> {
                    if (unixPath == null) {
                        throw new IllegalArgumentException("A unix socket transport needs a path");
                    }
                    bound = bindUnix(unixPath);
                }
                default -> throw new IllegalArgumentException("kind must be tcp or unix, not '" + config.kind()
                        + "'");
            }
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(bound);
            bound = null;
            failure = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
            state = State.FAILED;
            LOG.log(System.Logger.Level.ERROR, "Cannot serve JSON-RPC on " + label + ": " + failure.get());
        }
        this.listener = bound;
        this.name = label;
        if (bound != null) {
            Thread.ofVirtual().name("accept-" + name).start(this::accept);
            state = State.RUNNING;
            LOG.log(System.Logger.Level.INFO, "Listening for JSON-RPC on " + name);
        }
    }

    private static void closeQuietly(ServerSocketChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing a half-opened listener: " + e.getMessage());
            }
        }
    }

    private static ServerSocketChannel bindUnix(Path path) throws IOException {
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions
                    .fromString("rwx------")));
        }
        if (Files.exists(path)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                throw new IOException("Another process is listening on " + path);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Another process")) {
                    throw e;
                }
                Files.delete(path); // left behind by a process that died
            }
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        SocketAddress address = UnixDomainSocketAddress.of(path);
        channel.bind(address);
        return channel;
    }

    private void accept() {
        while (listener.isOpen()) {
            try {
                SocketChannel client = listener.accept();
                SocketConnection c = new SocketConnection(client, engine, options, maxLineBytes, writeTimeoutMillis,
                        open::remove);
                open.add(c);
                c.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Accepting on " + name + " failed: " + e.getMessage());
            }
        }
    }

    @Deactivate
    void stop() throws IOException {
        if (listener == null) {
            return; // FAILED: nothing was opened
        }
        state = State.STOPPING;
        listener.close();
        open.forEach(SocketConnection::close);
        if (unixPath != null) {
            Files.deleteIfExists(unixPath);
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
        return name;
    }

    @Override
    public int connections() {
        return open.size();
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
