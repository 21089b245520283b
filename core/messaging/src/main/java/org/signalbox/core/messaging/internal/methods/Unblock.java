package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcMethod;

/** {@code unblock}. */
@Component(service = RpcMethod.class)
public final class Unblock extends BlockingMethod {

    public Unblock() {
        super("unblock", false);
    }
}
