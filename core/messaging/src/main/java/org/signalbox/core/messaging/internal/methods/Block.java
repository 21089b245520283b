package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcMethod;

/** {@code block}. */
@Component(service = RpcMethod.class)
public final class Block extends BlockingMethod {

    public Block() {
        super("block", true);
    }
}
