package org.signalbox.server.service.internal;

import org.signalbox.server.testing.WireClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.signalbox.storage.sqlite.internal.SqliteStorageBackend;

/** A real server (Jetty, SQLite) on a free loopback port, for tests. */
final class ServerHarness implements AutoCloseable {

    final Path dataDir;
    Settings settings;
    MessagingServer server;

    ServerHarness(Path dataDir) throws Exception {
        this(Settings.defaults(dataDir).withPort(0));
    }

    ServerHarness(Settings settings) throws Exception {
        this.dataDir = settings.dataDir();
        this.settings = settings;
        server = MessagingServer.start(settings, new SqliteStorageBackend());
    }

    static Settings fastPreKeyChecks(Path dataDir) {
        return Settings.defaults(dataDir).withPort(0).withPreKeys(3, 4, Duration.ofMillis(100));
    }

    URI uri() {
        return server.uri();
    }

    WireClient connect() throws Exception {
        return new WireClient(uri());
    }

    /** Stops the server and starts it again on the same database (a new port). */
    void restart() throws Exception {
        server.close();
        server = MessagingServer.start(settings, new SqliteStorageBackend());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
