package org.signalbox.core.daemon.internal;

import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/** A transport administration method: served to clients on this machine only, whatever account they name. */
abstract class AdminMethod implements RpcMethod {

    private final String name;
    private final String summary;
    private final String schema;

    AdminMethod(String name, String summary, String schema) {
        this.name = name;
        this.summary = summary;
        this.schema = schema;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final MethodScope scope() {
        return MethodScope.ANY;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final String paramsSchema() {
        return schema;
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
