package org.signalbox.core.daemon.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.transport.TransportKind;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code startTransport}: a new instance of any transport kind an installed bundle serves (a factory configuration,
 * as {@code daemon --tcp} or {@code --transport} makes), for clients on this machine; it runs until
 * {@code stopTransport} or the end of the process. The address is {@code address}; {@code tcp}, {@code http},
 * {@code legacy} and {@code path} are its older spellings.
 */
@Component(service = RpcMethod.class)
public final class StartTransport extends AdminMethod {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final TransportKinds kinds;

    @Activate
    public StartTransport(BundleContext context, @Reference ConfigurationAdmin configurations,
            @Reference TransportKinds kinds) {
        super("startTransport", "Starts a transport instance of any kind served here (tcp, unix, http, legacy...)", """
                {"type":"object","properties":{
                  "kind":{"type":"string"},
                  "address":{"type":"string"},
                  "tcp":{"type":"string"},
                  "http":{"type":"string"},
                  "legacy":{"type":"string"},
                  "path":{"type":"string"},
                  "settings":{"type":"object","additionalProperties":{"type":["string","number","boolean","array"]}},
                  "receiveMode":{"type":"string","enum":["on-start","on-connection","manual"]}},
                 "required":["kind"]}""");
        this.context = context;
        this.configurations = configurations;
        this.kinds = kinds;
    }

    @Override
    Object serve(RpcCall call) throws RpcException {
        JsonNode p = call.params();
        TransportKind kind;
        try {
            kind = kinds.require(p.get("kind").asText());
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("kind", "unknown", e.getMessage());
        }
        String address = p.path("address").asText(p.path(kind.name()).asText(p.path("path").asText(null)));
        if (address == null) {
            throw RpcException.invalidParams("address", "required", "Parameter 'address' is required");
        }
        Map<String, Object> extra = new HashMap<>();
        extra.put("receiveMode", p.path("receiveMode").asText("on-start"));
        settings(p.path("settings"), extra);
        try {
            TransportConfigs.Started s = TransportConfigs.start(context, configurations, kind.factoryPid(),
                    kind.configuration(address), extra);
            if (s.failure() != null) {
                throw RpcException.user("Cannot start the transport: " + s.failure());
            }
            return Map.of("name", s.transport().name(), "configuration", s.configuration().getPid());
        } catch (IllegalArgumentException e) {
            throw RpcException.user(e.getMessage());
        } catch (IOException e) {
            throw RpcException.io(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcException.io("Interrupted while the transport starts");
        }
    }

    /** Further configuration properties of the instance (e.g. {@code token}, {@code iceUris}), as given. */
    private static void settings(JsonNode settings, Map<String, Object> properties) {
        settings.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            Object value = v.isArray() ? StreamSupport.stream(v.spliterator(), false)
                    .map(JsonNode::asText).toArray(String[]::new) : v.isNumber() ? (Object) v.longValue()
                    : v.isBoolean() ? (Object) v.booleanValue() : v.asText();
            properties.put(e.getKey(), value);
        });
    }
}
