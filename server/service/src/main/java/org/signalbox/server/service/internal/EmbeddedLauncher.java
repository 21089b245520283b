package org.signalbox.server.service.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.signalbox.server.protocol.ServerEndpoint;
import org.signalbox.server.protocol.ServerLauncher;

/**
 * The daemon's embedded default: a server on a loopback port, unless one is already configured (by
 * {@code signalbox server} or a {@code conf/} file), shared with the other processes of the same data directory
 * ({@link SharedEmbeddedServer}). Open registration, as loopback allows.
 */
@Component
public final class EmbeddedLauncher implements ServerLauncher {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private SharedEmbeddedServer shared;

    @Activate
    public EmbeddedLauncher(BundleContext context, @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    private ServerEndpoint start(Path dataDirectory, int port, Duration timeout) throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("host", "127.0.0.1");
        props.put("port", port);
        props.put("dataDir", dataDirectory.toString());
        return ServerStarter.start(context, configurations, props, timeout);
    }

    @Deactivate
    synchronized void stop() throws IOException {
        if (shared != null) {
            shared.close();
        }
    }

    @Override
    public synchronized ServerEndpoint ensureRunning(Path dataDirectory, Duration timeout) throws IOException {
        ServiceTracker<ServerEndpoint, ServerEndpoint> running = new ServiceTracker<>(context, ServerEndpoint.class,
                null);
        running.open();
        try {
            ServerEndpoint endpoint = running.getService();
            if (endpoint == null && configurations.listConfigurations(
                    "(service.pid=" + ServerComponent.PID + ")") == null) {
                if (shared == null || !shared.directory().equals(dataDirectory)) {
                    shared = new SharedEmbeddedServer(dataDirectory, (port, wait) -> start(dataDirectory, port, wait));
                }
                endpoint = shared.endpoint(timeout);
            } else if (endpoint == null) {
                endpoint = running.waitForService(timeout.toMillis()); // configured, still starting
            }
            if (endpoint == null) {
                throw new IOException("The embedded messaging server did not start within " + timeout.toSeconds()
                        + " s; see the log");
            }
            return endpoint;
        } catch (IOException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the embedded messaging server starts", e);
        } catch (Exception e) {
            throw new IOException("Cannot start the embedded messaging server: " + e.getMessage(), e);
        } finally {
            running.close();
        }
    }
}
