package org.signalbox.core.internal.methods;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;

/** {@code version}: Signalbox's version (see docs/protocol/version.md for why not signal-cli's). */
@Component(service = RpcMethod.class)
public final class Version extends QueryMethod {

    public Version() {
        super("version", MethodScope.ANY, "The daemon's version", "{\"type\":\"object\"}");
    }

    @Override
    public Object call(RpcCall call) {
        return Map.of("version", org.signalbox.core.internal.Version.get());
    }
}
