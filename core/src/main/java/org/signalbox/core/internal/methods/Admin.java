package org.signalbox.core.internal.methods;

import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;

/** The rule of the administration methods: clients on this machine only. */
final class Admin {

    private Admin() {
    }

    static void requireLocal(RpcCall call) throws RpcException {
        if (!call.session().local()) {
            throw RpcException.user("Transport administration is only for clients on this machine");
        }
    }
}
