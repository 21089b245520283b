package org.signalbox.core.internal.methods;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.stream.StreamSupport;

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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code startTransport}: a new socket or HTTP transport instance (a factory configuration, as {@code daemon --tcp}
 * and {@code --http} make),
 * for clients on this machine; it runs until {@code stopTransport} or the end of the process.
 */
@Component(service = RpcMethod.class)
public final class StartTransport extends BaseMethod {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    @Activate
    public StartTransport(BundleContext context, @Reference ConfigurationAdmin configurations) {
        super("startTransport", MethodScope.ANY, "Starts a TCP, UNIX socket, HTTP/WebSocket or legacy socket transport", """
                {"type":"object","properties":{
                  "kind":{"type":"string","enum":["tcp","unix","http","legacy"]},
                  "tcp":{"type":"string"},
                  "http":{"type":"string"},
                  "legacy":{"type":"string"},
                  "path":{"type":"string"},
                  "settings":{"type":"object","additionalProperties":{"type":["string","number","boolean","array"]}},
                  "receiveMode":{"type":"string","enum":["on-start","on-connection","manual"]}},
                 "required":["kind"]}""");
        this.context = context;
        this.configurations = configurations;
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        Admin.requireLocal(call);
        String kind = Params.text(call.params(), "kind");
        Hashtable<String, Object> properties;
        try {
            properties = switch (kind) {
                case "unix" -> Channels.unix(Path.of(required(call, "path")));
                case "http", "legacy" -> Channels.address(required(call, kind));
                default -> Channels.tcp(required(call, "tcp"));
            };
        } catch (IllegalArgumentException e) {
            throw RpcException.user(e.getMessage());
        }
        settings(call.params().path("settings"), properties);
        String mode = Params.text(call.params(), "receiveMode");
        properties.put("receiveMode", mode == null ? "on-start" : mode);
        try {
            TransportConfigs.Started s = TransportConfigs.start(context, configurations, switch (kind) {
                case "http" -> Channels.HTTP_PID;
                case "legacy" -> Channels.LEGACY_PID;
                default -> Channels.SOCKET_PID;
            }, kind.equals("http") ? Channels.HTTP_BUNDLE : Channels.SOCKET_BUNDLE, properties);
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

    /** Further configuration properties of the instance (e.g. {@code token}, {@code iceUris}), as given. */
    private static void settings(JsonNode settings, Hashtable<String, Object> properties) {
        settings.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            Object value = v.isArray() ? StreamSupport.stream(v.spliterator(), false)
                    .map(JsonNode::asText).toArray(String[]::new) : v.isNumber() ? (Object) v.longValue()
                    : v.isBoolean() ? (Object) v.booleanValue() : v.asText();
            properties.put(e.getKey(), value);
        });
    }

    private static String required(RpcCall call, String name) throws RpcException {
        String value = Params.text(call.params(), name);
        if (value == null) {
            throw RpcException.invalidParams(name, "required", "Parameter '" + name + "' is required");
        }
        return value;
    }
}
