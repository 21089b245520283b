package org.signalbox.calls.internal.methods;

import java.math.BigDecimal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.calls.internal.Calls;

/** {@code hangupCall}: ends the call (reason {@code local_hangup}); the peer hears a hangup. */
@Component(service = RpcMethod.class)
public final class HangupCall extends CallMethod {

    private final Calls calls;

    @Activate
    public HangupCall(@Reference Calls calls) {
        super("hangupCall");
        this.calls = calls;
    }

    record Params(BigDecimal callId) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        calls.hangup(account(call), callId(call.params(Params.class).callId()));
        return null;
    }
}
