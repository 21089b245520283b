package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.session.Subscription;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code unsubscribeReceive}: by id (named or positional). Without an id it ends this connection's subscriptions
 * for the routed account (in single-account mode normally the automatic one), as signal-cli does; with no
 * account either it is an error.
 */
@Component(service = RpcMethod.class)
public final class UnsubscribeReceive extends BaseMethod {

    public UnsubscribeReceive() {
        super("unsubscribeReceive");
    }

    record Params(Integer subscription) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        List<Subscription> mine = call.session().subscriptions().stream()
                .filter(s -> s.event().equals("receive")).toList();
        Integer subscription = call.params(Params.class).subscription();
        if (subscription == null) {
            Optional<String> account = call.account().map(a -> a.number());
            if (account.isEmpty()) {
                throw MessagingException.invalid("Missing subscription parameter with subscription id");
            }
            mine.stream().filter(s -> s.account().isEmpty() || s.account().equals(account))
                    .forEach(Subscription::cancel);
            return null;
        }
        int id = subscription;
        Subscription s = mine.stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> MessagingException.invalid("Unknown subscription id"));
        s.cancel();
        return null;
    }
}
