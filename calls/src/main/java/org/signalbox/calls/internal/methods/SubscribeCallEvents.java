package org.signalbox.calls.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.calls.internal.Calls;

/**
 * {@code subscribeCallEvents}: this connection gets {@code callEvent}s, for the named account or all; while an
 * account has no such subscriber, offers to it are ignored.
 */
@Component(service = RpcMethod.class)
public final class SubscribeCallEvents extends CallMethod {

    public SubscribeCallEvents() {
        super("subscribeCallEvents");
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        return call.session().subscribe(Calls.EVENT, call.account().map(Account::number)).id();
    }
}
