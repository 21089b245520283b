package org.signalbox.server.protocol;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts the messaging server inside this framework for a daemon that was given none: the embedded default. The
 * server bundle registers it; a framework without that bundle has no embedded server.
 */
@ProviderType
public interface ServerLauncher {

    /**
     * The server running in this framework; if none runs, the embedded server of {@code dataDirectory}: served
     * by the process of that data directory that needed it first, or else here on a loopback port. Its
     * {@link ServerEndpoint#uri()} may change when another process takes it over, so ask it at each connection.
     *
     * @throws IOException if no server is up within {@code timeout}
     */
    ServerEndpoint ensureRunning(Path dataDirectory, Duration timeout) throws IOException;
}
