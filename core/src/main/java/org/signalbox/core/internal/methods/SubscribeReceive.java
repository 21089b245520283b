package org.signalbox.core.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;

/** {@code subscribeReceive}: an explicit subscription, delivered in the wrapped shape; returns its id. */
@Component(service = RpcMethod.class)
public final class SubscribeReceive extends BaseMethod {

    public SubscribeReceive() {
        super("subscribeReceive", MethodScope.ANY, "Subscribes this connection to received messages",
                "{\"type\":\"object\"}");
    }

    @Override
    public boolean sessionBound() {
        return true;
    }

    @Override
    public Object call(RpcCall call) {
        return call.session().subscribe("receive", call.account().map(Account::number)).id();
    }
}
