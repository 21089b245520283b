package org.signalbox.core.engine.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;

/** {@code version}: Signalbox's version (see docs/protocol/version.md for why not signal-cli's). */
@Component(service = RpcMethod.class)
public final class VersionMethod extends AbstractRpcMethod {

    public VersionMethod() {
        super("version", MethodScope.ANY, "The daemon's version", "{\"type\":\"object\"}");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Object call(RpcCall call) {
        return Map.of("version", Version.get());
    }
}
