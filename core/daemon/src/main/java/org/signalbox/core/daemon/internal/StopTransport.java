package org.signalbox.core.daemon.internal;

import java.io.IOException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/**
 * {@code stopTransport}: deletes the configuration behind a transport instance, which closes its clients between
 * two whole lines; for clients on this machine. A client stopping its own transport may lose this answer.
 */
@Component(service = RpcMethod.class)
public final class StopTransport extends AdminMethod {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    @Activate
    public StopTransport(BundleContext context, @Reference ConfigurationAdmin configurations) {
        super("stopTransport");
        this.context = context;
        this.configurations = configurations;
    }

    record Params(String name) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException {
        String name = call.params(Params.class).name();
        Admin.Instance t = Admin.instances(context).stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> RpcException.user("No transport named " + name));
        try {
            Configuration[] found = t.configuration().isEmpty() ? null
                    : configurations.listConfigurations("(service.pid=" + t.configuration().get() + ")");
            if (found == null) {
                throw RpcException.user("Transport " + name + " has no configuration to remove; it ends with its "
                        + "process");
            }
            for (Configuration c : found) {
                c.delete();
            }
            return null;
        } catch (InvalidSyntaxException | IOException e) {
            throw RpcException.io("Cannot stop " + name + ": " + e.getMessage());
        }
    }
}
