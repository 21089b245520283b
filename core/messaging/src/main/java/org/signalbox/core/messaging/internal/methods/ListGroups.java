package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code listGroups}, optionally only the given ids. */
@Component(service = RpcMethod.class)
public final class ListGroups extends QueryMethod {

    public ListGroups() {
        super("listGroups", MethodScope.ACCOUNT, "Lists groups", """
                {"type":"object","properties":{
                  "groupId":{"type":"array","items":{"type":"string"}},
                  "detailed":{"type":"boolean","default":false}}}""");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        List<String> only = new ArrayList<>();
        for (String text : Params.texts(call.params(), "groupId")) {
            only.add(Params.groupId(text));
        }
        return AccountData.of(call.requireAccount()).groups().stream()
                .filter(g -> only.isEmpty() || only.contains(g.id()))
                .map(Groups::view)
                .toList();
    }
}
