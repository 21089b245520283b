package org.signalbox.server.service.internal;

import java.time.Duration;
import java.util.Dictionary;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.signalbox.server.protocol.ServerEndpoint;

/** Writes the server's configuration and waits for the component to come up. */
final class ServerStarter {

    private ServerStarter() {
    }

    /** The endpoint, or null if the server did not start within {@code timeout} (its log says why). */
    static ServerEndpoint start(BundleContext context, ConfigurationAdmin configurations,
            Dictionary<String, Object> properties, Duration timeout) throws Exception {
        ServiceTracker<ServerEndpoint, ServerEndpoint> tracker = new ServiceTracker<>(context, ServerEndpoint.class,
                null);
        tracker.open();
        try {
            configurations.getConfiguration(ServerComponent.PID, "?").update(properties);
            return tracker.waitForService(timeout.toMillis());
        } finally {
            tracker.close();
        }
    }
}
