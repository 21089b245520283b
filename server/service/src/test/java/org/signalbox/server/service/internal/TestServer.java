package org.signalbox.server.service.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.signalbox.server.testing.WireClient;
import org.signalbox.storage.sqlite.internal.SqliteStorageBackend;

/**
 * A real server (Jetty, SQLite) on a free loopback port, for this module's tests and, through the test jar, other
 * modules'.
 */
public final class TestServer implements AutoCloseable {

    final Settings settings;
    MessagingServer server;

    public TestServer(Path dataDir) throws Exception {
        this(Settings.defaults(dataDir).withPort(0));
    }

    TestServer(Settings settings) throws Exception {
        this.settings = settings;
        server = MessagingServer.start(settings, new SqliteStorageBackend());
    }

    /** A server that asks for prekeys below {@code limit}, {@code requested} at a time, checking every 100 ms. */
    public static TestServer withPreKeyChecks(Path dataDir, int limit, int requested) throws Exception {
        return new TestServer(Settings.defaults(dataDir).withPort(0).withPreKeys(limit, requested,
                Duration.ofMillis(100)));
    }

    /** The seed test suite's prekey settings: limit 3, request 4, every 100 ms. */
    static Settings fastPreKeyChecks(Path dataDir) {
        return Settings.defaults(dataDir).withPort(0).withPreKeys(3, 4, Duration.ofMillis(100));
    }

    public URI uri() {
        return server.uri();
    }

    WireClient connect() throws Exception {
        return new WireClient(uri());
    }

    /** Stops the server; {@link #start()} brings it back on the same database (a new port). */
    public void stop() throws Exception {
        server.close();
    }

    public void start() throws Exception {
        server = MessagingServer.start(settings, new SqliteStorageBackend());
    }

    void restart() throws Exception {
        stop();
        start();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
