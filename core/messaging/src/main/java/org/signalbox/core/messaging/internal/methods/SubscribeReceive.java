package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code subscribeReceive}: an explicit subscription, delivered in the wrapped shape; returns its id. With
 * {@code acknowledge: true} (Signalbox's extension) each notification carries a {@code delivery} id that the
 * client acknowledges with {@code acknowledgeReceive}.
 */
@Component(service = RpcMethod.class)
public final class SubscribeReceive extends BaseMethod {

    public SubscribeReceive() {
        super("subscribeReceive");
    }

    record Params(boolean acknowledge) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        var account = call.account().map(Account::number);
        return (call.params(Params.class).acknowledge() ? call.session().subscribeAcknowledged("receive",
                account) : call.session().subscribe("receive", account)).id();
    }
}
