package org.signalbox.core.engine.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;

/** {@code version}: Signalbox's version (see docs/protocol/version.md for why not signal-cli's). */
@Component(service = RpcMethod.class)
public final class VersionMethod extends AbstractRpcMethod {

    public VersionMethod() {
        super(MethodContract.load(VersionMethod.class, "version"));
    }

    @Override
    public Object call(RpcCall call) {
        return Map.of("version", Version.get());
    }
}
