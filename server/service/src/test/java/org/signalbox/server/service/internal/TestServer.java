package org.signalbox.server.service.internal;

import java.net.URI;
import java.nio.file.Path;

import org.signalbox.storage.sqlite.internal.SqliteStorageBackend;

/** A real server on a free loopback port for other modules' tests (through this module's test jar). */
public final class TestServer implements AutoCloseable {

    private final Settings settings;
    private MessagingServer server;

    public TestServer(Path dataDir) throws Exception {
        settings = Settings.defaults(dataDir).withPort(0);
        server = MessagingServer.start(settings, new SqliteStorageBackend());
    }

    public URI uri() {
        return server.uri();
    }

    /** Stops the server; {@link #start()} brings it back on the same database (a new port). */
    public void stop() throws Exception {
        server.close();
    }

    public void start() throws Exception {
        server = MessagingServer.start(settings, new SqliteStorageBackend());
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
