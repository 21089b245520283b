package org.signalbox.calls.internal.methods;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.calls.internal.CallInfo;
import org.signalbox.calls.internal.Calls;

/** {@code listCalls}: the account's calls that have not ended. */
@Component(service = RpcMethod.class)
public final class ListCalls extends CallMethod {

    private final Calls calls;

    @Activate
    public ListCalls(@Reference Calls calls) {
        super("listCalls");
        this.calls = calls;
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        return calls.list(account(call)).stream().map(ListCalls::entry).toList();
    }

    private static Map<String, Object> entry(CallInfo s) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("callId", s.id());
        e.put("state", s.state().name());
        e.put("number", s.number());
        e.put("uuid", s.uuid().toString());
        e.put("isOutgoing", s.outgoing());
        e.put("inputDeviceName", s.inputDevice());
        e.put("outputDeviceName", s.outputDevice());
        return e;
    }
}
