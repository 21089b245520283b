package org.signalbox.core.internal.methods;

import java.io.IOException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.transport.Transport;

/**
 * {@code stopTransport}: deletes the configuration behind a transport instance, which closes its clients between
 * two whole lines; for clients on this machine. A client stopping its own transport may lose this answer.
 */
@Component(service = RpcMethod.class)
public final class StopTransport extends BaseMethod {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    @Activate
    public StopTransport(BundleContext context, @Reference ConfigurationAdmin configurations) {
        super("stopTransport", MethodScope.ANY, "Stops a transport instance by name", """
                {"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""");
        this.context = context;
        this.configurations = configurations;
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        Admin.requireLocal(call);
        String name = Params.text(call.params(), "name");
        try {
            for (ServiceReference<Transport> ref : context.getServiceReferences(Transport.class, null)) {
                Transport t = context.getService(ref);
                boolean match = t != null && name.equals(t.name());
                context.ungetService(ref);
                if (!match) {
                    continue;
                }
                Object pid = ref.getProperty("service.pid");
                Configuration[] found = pid == null ? null
                        : configurations.listConfigurations("(service.pid=" + pid + ")");
                if (found == null) {
                    throw RpcException.user("Transport " + name + " has no configuration to remove; it ends with "
                            + "its process");
                }
                for (Configuration c : found) {
                    c.delete();
                }
                return null;
            }
        } catch (InvalidSyntaxException | IOException e) {
            throw RpcException.io("Cannot stop " + name + ": " + e.getMessage());
        }
        throw RpcException.user("No transport named " + name);
    }
}
