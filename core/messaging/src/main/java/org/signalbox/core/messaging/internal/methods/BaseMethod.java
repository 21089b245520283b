package org.signalbox.core.messaging.internal.methods;

import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * A messaging method: its contract is the {@code <name>.json} file in this package, and this is the one place where
 * messaging's failures become JSON-RPC errors.
 */
abstract class BaseMethod extends AbstractRpcMethod {

    BaseMethod(String name) {
        super(MethodContract.load(BaseMethod.class, name));
    }

    @Override
    public final Object call(RpcCall call) throws RpcException {
        try {
            return serve(call);
        } catch (MessagingException e) {
            throw switch (e.kind()) {
                case INVALID -> RpcException.user(e.getMessage());
                case IO -> RpcException.io(e.getMessage());
            };
        }
    }

    abstract Object serve(RpcCall call) throws RpcException, MessagingException;
}
