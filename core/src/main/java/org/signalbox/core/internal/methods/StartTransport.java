package org.signalbox.core.internal.methods;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.internal.daemon.Channels;
import org.signalbox.core.internal.daemon.TransportConfigs;

/**
 * {@code startTransport}: a new socket transport instance (a factory configuration, as {@code daemon --tcp} makes),
 * for clients on this machine; it runs until {@code stopTransport} or the end of the process.
 */
@Component(service = RpcMethod.class)
public final class StartTransport extends BaseMethod {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    @Activate
    public StartTransport(BundleContext context, @Reference ConfigurationAdmin configurations) {
        super("startTransport", MethodScope.ANY, "Starts a TCP or UNIX socket transport", """
                {"type":"object","properties":{
                  "kind":{"type":"string","enum":["tcp","unix"]},
                  "tcp":{"type":"string"},
                  "path":{"type":"string"},
                  "receiveMode":{"type":"string","enum":["on-start","on-connection","manual"]}},
                 "required":["kind"]}""");
        this.context = context;
        this.configurations = configurations;
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        Admin.requireLocal(call);
        Hashtable<String, Object> properties;
        try {
            properties = "unix".equals(Params.text(call.params(), "kind"))
                    ? Channels.unix(Path.of(required(call, "path")))
                    : Channels.tcp(required(call, "tcp"));
        } catch (IllegalArgumentException e) {
            throw RpcException.user(e.getMessage());
        }
        String mode = Params.text(call.params(), "receiveMode");
        properties.put("receiveMode", mode == null ? "on-start" : mode);
        try {
            TransportConfigs.Started s = TransportConfigs.start(context, configurations, Channels.SOCKET_PID,
                    Channels.SOCKET_BUNDLE, properties);
            if (s.failure() != null) {
                throw RpcException.user("Cannot start the transport: " + s.failure());
            }
            return Map.of("name", s.transport().name(), "configuration", s.configuration().getPid());
        } catch (IOException e) {
            throw RpcException.io(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcException.io("Interrupted while the transport starts");
        }
    }

    private static String required(RpcCall call, String name) throws RpcException {
        String value = Params.text(call.params(), name);
        if (value == null) {
            throw RpcException.invalidParams(name, "required", "Parameter '" + name + "' is required");
        }
        return value;
    }
}
