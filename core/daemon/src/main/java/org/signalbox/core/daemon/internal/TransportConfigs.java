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
import org.signalbox.api.transport.TransportKind;

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
     * Creates a factory configuration of the kind's PID with the kind's configuration of {@code address} and then
     * {@code extra}; if the transport does not run, the configuration is deleted again and {@link Started#failure}
     * says why.
     *
     * @throws IllegalArgumentException when the address is not one of the kind
     */
    static Started start(BundleContext context, ConfigurationAdmin configurations, TransportKind kind,
            String address, Map<String, Object> extra) throws IOException, InterruptedException {
        Hashtable<String, Object> properties = new Hashtable<>(kind.configuration(address));
        properties.putAll(extra);
        Configuration configuration = configurations.createFactoryConfiguration(kind.factoryPid(), "?");
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
            String failure = t == null ? "the transport did not start within " + START_MILLIS / 1000
                    + " s (see the log)" : t.state() == Transport.State.FAILED ? t.failure()
                    .orElse("the transport failed to start") : null;
            if (failure != null) {
                delete(configuration);
            }
            return new Started(configuration, t, failure);
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
