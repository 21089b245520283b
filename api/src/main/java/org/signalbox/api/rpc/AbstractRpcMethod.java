package org.signalbox.api.rpc;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A method whose name, scope, summary and params schema are fixed when it is made: the usual case, so a method
 * states its contract once, in its constructor, and implements {@link #call} (and overrides the flags it needs).
 */
@ConsumerType
public abstract class AbstractRpcMethod implements RpcMethod {

    private final String name;
    private final MethodScope scope;
    private final String summary;
    private final String paramsSchema;

    protected AbstractRpcMethod(String name, MethodScope scope, String summary, String paramsSchema) {
        this.name = name;
        this.scope = scope;
        this.summary = summary;
        this.paramsSchema = paramsSchema;
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
        return paramsSchema;
    }
}
