package org.signalbox.calls.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.session.Subscription;
import org.signalbox.calls.internal.Calls;

/** {@code unsubscribeCallEvents}: ends this connection's call event subscription with this id. */
@Component(service = RpcMethod.class)
public final class UnsubscribeCallEvents extends CallMethod {

    public UnsubscribeCallEvents() {
        super("unsubscribeCallEvents");
    }

    record Params(Integer subscription) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        Integer id = call.params(Params.class).subscription();
        if (id == null) {
            throw RpcException.user("Missing subscription parameter with subscription id");
        }
        Subscription s = call.session().subscriptions().stream()
                .filter(x -> x.event().equals(Calls.EVENT) && x.id() == id).findFirst()
                .orElseThrow(() -> RpcException.user("Unknown subscription id"));
        s.cancel();
        return null;
    }
}
