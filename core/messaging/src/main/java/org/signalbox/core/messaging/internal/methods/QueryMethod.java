package org.signalbox.core.messaging.internal.methods;

import org.signalbox.api.rpc.MethodScope;

/** A built-in method that only reads: its one-shot command does not lock accounts. */
abstract class QueryMethod extends BaseMethod {

    QueryMethod(String name, MethodScope scope, String summary, String schema) {
        super(name, scope, summary, schema);
    }

    @Override
    public final boolean readOnly() {
        return true;
    }
}
