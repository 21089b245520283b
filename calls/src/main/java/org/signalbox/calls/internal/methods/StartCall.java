package org.signalbox.calls.internal.methods;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.calls.internal.Calls;

/** {@code startCall}: calls the first recipient; the call lives as long as this daemon. */
@Component(service = RpcMethod.class)
public final class StartCall extends CallMethod {

    private final Calls calls;

    @Activate
    public StartCall(@Reference Calls calls) {
        super("startCall");
        this.calls = calls;
    }

    record Params(List<String> recipient) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        if (call.session().transport().equals("cli")) {
            throw RpcException.user("startCall needs a running jsonRpc or daemon: a call lasts as long as the "
                    + "process that holds it, and this command would end at once");
        }
        List<String> recipients = call.params(Params.class).recipient();
        if (recipients.isEmpty()) {
            throw RpcException.user("No recipient given");
        }
        return info(calls.start(account(call), recipients.get(0)));
    }
}
