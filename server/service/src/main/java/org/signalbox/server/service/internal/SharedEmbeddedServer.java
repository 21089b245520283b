package org.signalbox.server.service.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Properties;

import org.signalbox.api.storage.PrivateFiles;
import org.signalbox.server.protocol.ServerEndpoint;

/**
 * The embedded server of one {@code --config} directory, shared by every process that uses it without
 * {@code --server} (one {@code -a ACCOUNT jsonRpc} per account, one-shot commands beside a daemon): they all keep
 * their server database in {@code <config>/server}, which one server at a time may hold.
 *
 * <p>The process holding the file lock {@code embedded.lock} serves and advertises where in
 * {@code endpoint.properties} (its URI, trust root and pid); the others connect there and wait on the lock. When
 * the serving process ends, however it ends, the kernel releases the lock, one waiter takes it and serves on the
 * same port if it can, so the clients of every process see a reconnect; if the port is gone, the new address is
 * advertised and their clients read it when they reconnect.
 */
final class SharedEmbeddedServer {

    /** Starts the server in this framework on {@code port} (0 for any). */
    interface Starter {
        ServerEndpoint start(int port, Duration timeout) throws Exception;
    }

    private static final System.Logger LOG = System.getLogger("EmbeddedServer");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration PORT_WAIT = Duration.ofSeconds(3);

    private final Path directory;
    private final Path lockFile;
    private final Path advertised;
    private final Starter starter;
    private FileChannel channel;
    private ServerEndpoint endpoint;
    private volatile boolean serving;

    SharedEmbeddedServer(Path directory, Starter starter) {
        this.directory = directory;
        this.lockFile = directory.resolve("embedded.lock");
        this.advertised = directory.resolve("endpoint.properties");
        this.starter = starter;
    }

    Path directory() {
        return directory;
    }

    /** The server this process serves, or the one another process advertises; the first call decides which. */
    synchronized ServerEndpoint endpoint(Duration timeout) throws Exception {
        if (endpoint != null) {
            return endpoint;
        }
        PrivateFiles.folder(directory);
        channel = FileChannel.open(PrivateFiles.file(lockFile), StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // an earlier instance of this bundle in this JVM holds it: the server is this process's to run
            channel.close();
            channel = null;
            endpoint = serve(timeout);
            return endpoint;
        }
        if (lock != null) {
            endpoint = serve(timeout);
            return endpoint;
        }
        Advertised elsewhere = awaitAdvertised(timeout);
        LOG.log(System.Logger.Level.INFO, "Using the embedded messaging server of process " + elsewhere.pid + " at "
                + elsewhere.uri());
        endpoint = elsewhere;
        Thread.ofPlatform().daemon().name("embedded-server-takeover").start(() -> takeOverWhenFree(timeout));
        return endpoint;
    }

    /** Blocks until the serving process is gone, then serves here (a platform thread: the lock blocks its carrier). */
    private void takeOverWhenFree(Duration timeout) {
        try {
            channel.lock();
        } catch (IOException e) {
            return; // closed: this bundle stops
        }
        try {
            Advertised before = (Advertised) endpoint;
            ServerEndpoint mine = serve(timeout);
            LOG.log(System.Logger.Level.INFO, "Process " + before.pid + " stopped serving the embedded messaging "
                    + "server; this process serves it now at " + mine.uri());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot take over the embedded messaging server: " + e.getMessage());
        }
    }

    private ServerEndpoint serve(Duration timeout) throws Exception {
        int port = previousPort();
        ServerEndpoint started = port != 0 && free(port) ? starter.start(port, timeout) : null;
        if (started == null) {
            started = starter.start(0, timeout);
        }
        if (started == null) {
            throw new IOException("The embedded messaging server did not start within " + timeout.toSeconds()
                    + " s; see the log");
        }
        serving = true;
        advertise(started);
        return started;
    }

    /**
     * The bundle stops: a process that only waits lets go of the lock; one that serves keeps it while its server
     * runs on, until the process ends.
     */
    synchronized void close() throws IOException {
        if (!serving && channel != null) {
            channel.close();
        }
    }

    /** The port last advertised, so the clients of other processes find the server where it was. */
    private int previousPort() {
        try {
            String uri = read(advertised).getProperty("uri", "");
            return uri.isEmpty() ? 0 : Math.max(0, URI.create(uri).getPort());
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    /**
     * Whether {@code port} can be bound, within a moment: a process that dies lets go of its lock before the kernel
     * has closed its listening socket.
     */
    private static boolean free(int port) throws InterruptedException {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return true;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL);
            }
        }
    }

    private void advertise(ServerEndpoint e) throws IOException {
        Properties p = new Properties();
        p.setProperty("uri", e.uri().toString());
        p.setProperty("trustRoot", e.trustRoot());
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        p.store(text, "The embedded messaging server of this data directory: written by the process serving it");
        PrivateFiles.replace(advertised, text.toByteArray());
    }

    /**
     * Waits until a living process advertises its server: the one holding the lock may still be starting, and
     * the file may still name a process that served before and is gone.
     */
    private Advertised awaitAdvertised(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Advertised a = Advertised.read(advertised);
            if (a != null && a.alive()) {
                return a;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Another process holds the embedded messaging server of " + directory
                        + " but did not advertise it within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL);
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    /** The server another process advertises; its URI is read again when the file changes. */
    private static final class Advertised implements ServerEndpoint {

        private final Path file;
        private final String trustRoot;
        private final long pid;
        private volatile URI uri;
        private volatile FileTime seen;

        private Advertised(Path file, URI uri, String trustRoot, long pid, FileTime seen) {
            this.file = file;
            this.uri = uri;
            this.trustRoot = trustRoot;
            this.pid = pid;
            this.seen = seen;
        }

        static Advertised read(Path file) {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                Properties p = SharedEmbeddedServer.read(file);
                return new Advertised(file, URI.create(p.getProperty("uri")), p.getProperty("trustRoot"),
                        Long.parseLong(p.getProperty("pid")), modified);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException | RuntimeException e) {
                return null; // half a file from an older version, or being replaced: read again
            }
        }

        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        @Override
        public URI uri() {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (!modified.equals(seen)) {
                    Advertised now = read(file);
                    if (now != null) {
                        uri = now.uri;
                        seen = modified;
                    }
                }
            } catch (IOException e) {
                // keep the last address: the file comes back when a process serves again
            }
            return uri;
        }

        @Override
        public String trustRoot() {
            return trustRoot; // the server database is the same, so is its trust root
        }
    }
}
