package org.signalbox.core.internal.daemon;

import java.io.IOException;
import java.util.Hashtable;

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
public final class TransportConfigs {

    static final long START_MILLIS = 30_000;

    /** A started instance, or the reason there is none. */
    public record Started(Configuration configuration, Transport transport, String failure) {
    }

    private TransportConfigs() {
    }

    /**
     * Creates a factory configuration of {@code pid}; if the transport does not run, the configuration is deleted
     * again and {@link Started#failure} says why.
     */
    public static Started start(BundleContext context, ConfigurationAdmin configurations, String pid, String bundle,
            Hashtable<String, Object> properties) throws IOException, InterruptedException {
        Configuration configuration = configurations.createFactoryConfiguration(pid, "?");
        ServiceTracker<Transport, Transport> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter("(&(objectClass="
                    + Transport.class.getName() + ")(service.pid=" + configuration.getPid() + "))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a PID made an invalid filter: " + configuration.getPid(), e);
        }
        tracker.open();
        try {
            configuration.update(properties);
            Transport t = tracker.waitForService(START_MILLIS);
            String failure = t == null ? (installed(context, bundle) ? "the transport did not start within "
                    + START_MILLIS / 1000 + " s (see the log)" : "this distribution has no " + bundle + " bundle")
                    : t.state() == Transport.State.FAILED ? t.failure().orElse("the transport failed to start")
                    : null;
            if (failure != null) {
                delete(configuration);
            }
            return new Started(configuration, t, failure);
        } finally {
            tracker.close();
        }
    }

    public static void delete(Configuration c) {
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) {
            System.getLogger("Daemon").log(System.Logger.Level.DEBUG, "Configuration already gone: " + e);
        }
    }

    private static boolean installed(BundleContext context, String symbolicName) {
        for (var b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }
}
