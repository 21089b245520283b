package org.signalbox.core.messaging.internal.methods;

import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * Name, scope, summary and params schema of a built-in method; and the one place where messaging's failures
 * become JSON-RPC errors.
 */
abstract class BaseMethod implements RpcMethod {

    private final String name;
    private final MethodScope scope;
    private final String summary;
    private final String schema;

    BaseMethod(String name, MethodScope scope, String summary, String schema) {
        this.name = name;
        this.scope = scope;
        this.summary = summary;
        this.schema = schema;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final MethodScope scope() {
        return scope;
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
