package org.signalbox.core.messaging.internal.methods;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code listAccounts}: the registered accounts, {@code [{"number": ...}]}. */
@Component(service = RpcMethod.class)
public final class ListAccounts extends BaseMethod {

    public ListAccounts() {
        super("listAccounts");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        return call.accounts().list().stream().map(a -> Map.of("number", a.number())).toList();
    }
}
