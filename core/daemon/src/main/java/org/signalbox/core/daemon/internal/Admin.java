package org.signalbox.core.daemon.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.signalbox.api.transport.Transport;

/** The transport instances there are, with the configurations that made them. */
final class Admin {

    /** One transport instance as it is now, with the configuration that made it (none for stdio). */
    record Instance(String name, String endpoint, Transport.State state, int connections, Optional<String> failure,
            Optional<String> configuration) {
    }

    private Admin() {
    }

    static List<Instance> instances(BundleContext context) {
        List<Instance> out = new ArrayList<>();
        try {
            for (ServiceReference<Transport> ref : context.getServiceReferences(Transport.class, null)) {
                Transport t = context.getService(ref);
                if (t == null) {
                    continue;
                }
                try {
                    Object pid = ref.getProperty("service.pid");
                    out.add(new Instance(t.name(), t.endpoint(), t.state(), t.connections(), t.failure(),
                            Optional.ofNullable(pid).map(Object::toString)));
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
        }
        return out;
    }
}
