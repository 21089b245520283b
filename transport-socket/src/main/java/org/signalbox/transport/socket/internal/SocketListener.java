package org.signalbox.transport.socket.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.Peer;
import org.signalbox.api.transport.Transport;

/**
 * A listening socket, TCP or UNIX domain, whose every accepted client is a {@link SocketConnection} in one dialect
 * (JSON-RPC lines, or the legacy socket commands). Stopping closes the listener and every client between two whole
 * lines. An instance that cannot bind stays registered in state FAILED with its reason, so whoever configured it
 * can say why instead of reading a stack trace.
 */
abstract class SocketListener implements Transport {

    private static final System.Logger LOG = System.getLogger("Socket");
    private static final long LOG_EVERY_MILLIS = 10_000;
    private static final long MAX_PAUSE_MILLIS = 1_000;

    /** Opens the listening channel; may refuse the configuration with an IllegalArgumentException. */
    interface Binder {
        ServerSocketChannel bind() throws IOException;
    }

    private final ServerSocketChannel listener;
    private final Path unixPath;
    private final String name;
    private final Function<Peer, Connection> dialect;
    private final long maxLineBytes;
    private final long writeTimeoutMillis;
    private final long settleMillis;
    private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();
    private volatile State state = State.STARTING;
    private volatile Optional<String> failure = Optional.empty();

    /**
     * @param label the instance name if binding fails (a TCP instance is renamed after its actual port)
     * @param unixPath the socket file of a UNIX instance, removed on stop; null for TCP
     */
    SocketListener(String label, Path unixPath, Binder binder, Function<Peer, Connection> dialect, long maxLineBytes,
            long writeTimeoutMillis, long settleMillis) {
        this.unixPath = unixPath;
        this.dialect = dialect;
        this.maxLineBytes = maxLineBytes;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.settleMillis = settleMillis;
        ServerSocketChannel bound = null;
        try {
            bound = binder.bind();
            if (bound.getLocalAddress() instanceof InetSocketAddress address) {
                label = label.substring(0, label.indexOf(':') + 1) + address.getHostString() + ":" + address.getPort();
            }
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(bound);
            bound = null;
            failure = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
            state = State.FAILED;
            LOG.log(System.Logger.Level.ERROR, "Cannot serve on " + label + ": " + failure.get());
        }
        this.listener = bound;
        this.name = label;
        if (bound != null) {
            Thread.ofVirtual().name("accept-" + name).start(this::accept);
            state = State.RUNNING;
            LOG.log(System.Logger.Level.INFO, "Listening on " + name);
        }
    }

    /**
     * Binds TCP; beyond loopback only when the operator allowed it, since these dialects' clients cannot present a
     * credential ({@code unguarded} says so in the refusal and the warning).
     */
    static ServerSocketChannel bindTcp(String host, int port, boolean allowRemote, String unguarded)
            throws IOException {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            if (!allowRemote) {
                throw new IllegalArgumentException(unguarded + ": binding to " + host
                        + " (not loopback) needs allowRemote=true (daemon --allow-remote)");
            }
            LOG.log(System.Logger.Level.WARNING, unguarded + ": listening on " + host + ":" + port
                    + " lets anyone who reaches it act for the accounts it serves");
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(host, port));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Creates the parent folder private (0700); replaces a socket file left by a dead process, not a live one. */
    static ServerSocketChannel bindUnix(Path path) throws IOException {
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions
                    .fromString("rwx------")));
        }
        if (Files.exists(path)) {
            boolean live;
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                live = true;
            } catch (IOException e) {
                live = false;
            }
            if (live) {
                throw new IOException("Another process is listening on " + path);
            }
            Files.delete(path);
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        return channel;
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

    /**
     * Accepts until the listener closes. A failing accept (out of file descriptors, most often) is retried after
     * a pause that doubles up to a second, and logged once per {@link #LOG_EVERY_MILLIS} with how often it
     * failed, instead of spinning and filling the log.
     */
    private void accept() {
        long pause = 0;
        long lastLogged = 0;
        int failures = 0;
        while (listener.isOpen()) {
            try {
                SocketChannel client = listener.accept();
                pause = 0;
                SocketConnection c = new SocketConnection(client, dialect, maxLineBytes, writeTimeoutMillis,
                        settleMillis, open::remove);
                open.add(c);
                c.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                failures++;
                long now = System.currentTimeMillis();
                if (now - lastLogged >= LOG_EVERY_MILLIS) {
                    LOG.log(System.Logger.Level.WARNING, "Accepting on " + name + " failed " + failures
                            + " time(s) since the last report: " + e.getMessage() + "; " + open.size()
                            + " clients connected");
                    lastLogged = now;
                    failures = 0;
                }
                pause = Math.min(MAX_PAUSE_MILLIS, Math.max(10, pause * 2));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** For the subclass's {@code @Deactivate}. */
    final void stopListening() throws IOException {
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
    public final String name() {
        return name;
    }

    @Override
    public final String endpoint() {
        return name;
    }

    @Override
    public final int connections() {
        return open.size();
    }

    @Override
    public final State state() {
        return state;
    }

    @Override
    public final Optional<String> failure() {
        return failure;
    }
}
