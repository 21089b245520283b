package org.signalbox.core.daemon.internal;

import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;

/** A transport administration method: served to clients on this machine only, whatever account they name. */
abstract class AdminMethod extends AbstractRpcMethod {

    AdminMethod(String name) {
        super(MethodContract.load(AdminMethod.class, name));
    }

    @Override
    public final Object call(RpcCall call) throws RpcException {
        if (!call.session().local()) {
            throw RpcException.user("Transport administration is only for clients on this machine");
        }
        return serve(call);
    }

    abstract Object serve(RpcCall call) throws RpcException;
}
