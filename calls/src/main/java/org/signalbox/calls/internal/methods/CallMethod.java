package org.signalbox.calls.internal.methods;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.calls.internal.CallInfo;
import org.signalbox.calls.internal.CallIds;


/** A call method: its contract is the {@code <name>.json} file in this package. */
abstract class CallMethod extends AbstractRpcMethod {

    CallMethod(String name) {
        super(MethodContract.load(CallMethod.class, name));
    }

    /** The account the engine routed the call to (the method's scope is {@code account}). */
    static Account account(RpcCall call) throws RpcException {
        return call.account().orElseThrow(() -> RpcException.user("No account given"));
    }

    /** The {@code callId} param, either form; missing is signal-cli's -1. */
    static long callId(BigDecimal value) throws RpcException {
        if (value == null) {
            throw RpcException.user("No call ID given");
        }
        return CallIds.parse("callId", value);
    }

    /** startCall's and acceptCall's result, as signal-cli 0.14.6 answers them. */
    static Map<String, Object> info(CallInfo s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("callId", s.id());
        r.put("state", s.state().name());
        r.put("inputDeviceName", s.inputDevice());
        r.put("outputDeviceName", s.outputDevice());
        r.put("codec", "opus");
        r.put("sampleRate", 48_000);
        r.put("channels", 1);
        r.put("ptimeMs", 20);
        return r;
    }
}
