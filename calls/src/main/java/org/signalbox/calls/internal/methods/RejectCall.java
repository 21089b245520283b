package org.signalbox.calls.internal.methods;

import java.math.BigDecimal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.calls.internal.Calls;

/** {@code rejectCall}: ends the call (reason {@code rejected}); the caller hears busy, as signal-cli tells it. */
@Component(service = RpcMethod.class)
public final class RejectCall extends CallMethod {

    private final Calls calls;

    @Activate
    public RejectCall(@Reference Calls calls) {
        super("rejectCall");
        this.calls = calls;
    }

    record Params(BigDecimal callId) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        calls.reject(account(call), callId(call.params(Params.class).callId()));
        return null;
    }
}
