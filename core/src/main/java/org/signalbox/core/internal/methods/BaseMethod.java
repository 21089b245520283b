package org.signalbox.core.internal.methods;

import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcMethod;

/** Name, scope, summary and params schema of a built-in method. */
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
}
