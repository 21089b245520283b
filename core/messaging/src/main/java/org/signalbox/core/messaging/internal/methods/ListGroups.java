package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code listGroups}, optionally only the given ids. */
@Component(service = RpcMethod.class)
public final class ListGroups extends BaseMethod {

    public ListGroups() {
        super("listGroups");
    }

    /** {@code detailed} is accepted as signal-cli does; every field is always given. */
    record Params(List<String> groupId, boolean detailed) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        List<String> only = new ArrayList<>();
        for (String text : call.params(Params.class).groupId()) {
            only.add(Addressing.groupId(text));
        }
        Account self = call.requireAccount();
        return AccountData.of(self).groups().stream()
                .filter(g -> only.isEmpty() || only.contains(g.id()))
                .map(g -> Groups.view(g, self))
                .toList();
    }
}
