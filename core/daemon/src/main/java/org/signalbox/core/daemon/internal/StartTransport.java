package org.signalbox.core.daemon.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
        super("startTransport");
        this.context = context;
        this.configurations = configurations;
        this.kinds = kinds;
    }

    record Params(String kind, String address, String tcp, String http, String legacy, String path,
            Map<String, JsonNode> settings, String receiveMode) {

        /** The address under its name or under an older spelling (the kind's name, or path). */
        Optional<String> anyAddress(TransportKind kind) {
            Map<String, String> spellings = new HashMap<>();
            spellings.put("tcp", tcp);
            spellings.put("http", http);
            spellings.put("legacy", legacy);
            return Optional.ofNullable(address).or(() -> Optional.ofNullable(spellings.get(kind.name())))
                    .or(() -> Optional.ofNullable(path));
        }
    }

    @Override
    Object serve(RpcCall call) throws RpcException {
        Params p = call.params(Params.class);
        TransportKind kind;
        try {
            kind = kinds.require(p.kind());
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("kind", "unknown", e.getMessage());
        }
        String address = p.anyAddress(kind).orElseThrow(() -> RpcException.invalidParams("address", "required",
                "Parameter 'address' is required"));
        Map<String, Object> extra = new HashMap<>();
        extra.put("receiveMode", p.receiveMode());
        settings(p.settings(), extra);
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
    private static void settings(Map<String, JsonNode> settings, Map<String, Object> properties) {
        settings.entrySet().forEach(e -> {
            JsonNode v = e.getValue();
            Object value = v.isArray() ? StreamSupport.stream(v.spliterator(), false)
                    .map(JsonNode::asText).toArray(String[]::new) : v.isNumber() ? (Object) v.longValue()
                    : v.isBoolean() ? (Object) v.booleanValue() : v.asText();
            properties.put(e.getKey(), value);
        });
    }
}
