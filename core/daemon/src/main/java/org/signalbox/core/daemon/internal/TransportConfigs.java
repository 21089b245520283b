package org.signalbox.core.daemon.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.signalbox.api.transport.Transport;

/**
 * Transport instances as factory configurations: creating one and waiting until its transport runs or says why
 * it cannot, for {@code daemon} and {@code startTransport} alike.
 */
final class TransportConfigs {

    static final long START_MILLIS = 30_000;

    /** A started instance, or the reason there is none. */
    record Started(Configuration configuration, Transport transport, String failure) {
    }

    private TransportConfigs() {
    }

    /**
     * Creates a factory configuration of {@code factoryPid} with a kind's {@code configuration} of an address and
     * then {@code extra}; if the transport does not run, the configuration is deleted again and
     * {@link Started#failure} says why.
     */
    static Started start(BundleContext context, ConfigurationAdmin configurations, String factoryPid,
            Map<String, Object> configuration, Map<String, Object> extra) throws IOException, InterruptedException {
        Hashtable<String, Object> properties = new Hashtable<>(configuration);
        properties.putAll(extra);
        Configuration created = configurations.createFactoryConfiguration(factoryPid, "?");
        ServiceTracker<Transport, Transport> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter("(&(objectClass="
                    + Transport.class.getName() + ")(service.pid=" + created.getPid() + "))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a PID made an invalid filter: " + created.getPid(), e);
        }
        tracker.open();
        try {
            created.update(properties);
            Transport t = tracker.waitForService(START_MILLIS);
            String failure = t == null ? "the transport did not start within " + START_MILLIS / 1000
                    + " s (see the log)" : t.state() == Transport.State.FAILED ? t.failure()
                    .orElse("the transport failed to start") : null;
            if (failure != null) {
                delete(created);
            }
            return new Started(created, t, failure);
        } finally {
            tracker.close();
        }
    }

    static void delete(Configuration c) {
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) {
            System.getLogger("Daemon").log(System.Logger.Level.DEBUG, "Configuration already gone: " + e);
        }
    }
}
