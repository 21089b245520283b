package org.signalbox.calls.internal.methods;

import java.math.BigDecimal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.calls.internal.Calls;

/** {@code acceptCall}: CONNECTING at once; the tunnel is told to accept once it rings. */
@Component(service = RpcMethod.class)
public final class AcceptCall extends CallMethod {

    private final Calls calls;

    @Activate
    public AcceptCall(@Reference Calls calls) {
        super("acceptCall");
        this.calls = calls;
    }

    record Params(BigDecimal callId) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        return info(calls.accept(account(call), callId(call.params(Params.class).callId())));
    }
}
