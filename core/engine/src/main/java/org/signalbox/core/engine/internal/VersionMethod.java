package org.signalbox.core.engine.internal;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;

/** {@code version}: the signal-cli contract implemented, and Signalbox's own version (docs/protocol/version.md). */
@Component(service = RpcMethod.class)
public final class VersionMethod extends AbstractRpcMethod {

    public VersionMethod() {
        super(MethodContract.load(VersionMethod.class, "version"));
    }

    @Override
    public Object call(RpcCall call) {
        return new Answer(Version.signalCli(), Version.signalbox());
    }

    /** In this order on the wire: signal-cli's one field first. */
    public record Answer(String version, String signalbox) {
    }
}
