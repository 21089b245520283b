package org.signalbox.core.internal.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.internal.data.Recipient;

/**
 * {@code getUserStatus}. Without a messaging server's directory, a user is registered when it is a registered
 * account of this daemon; the directory lookup comes with the messaging network.
 */
@Component(service = RpcMethod.class)
public final class GetUserStatus extends QueryMethod {

    public GetUserStatus() {
        super("getUserStatus", MethodScope.ACCOUNT, "Tells whether recipients are registered", """
                {"type":"object","properties":{
                  "recipient":{"type":"array","items":{"type":"string"}},
                  "username":{"type":"array","items":{"type":"string"}}}}""");
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        call.requireAccount();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String text : Params.texts(call.params(), "recipient")) {
            Recipient r = Recipient.parse(text);
            out.add(status(text, r, r.username() == null ? call.accounts().find(r.key()) : Optional.empty()));
        }
        for (String name : Params.texts(call.params(), "username")) {
            out.add(status(name, new Recipient(null, null, name), Optional.empty()));
        }
        return out;
    }

    private static Map<String, Object> status(String asked, Recipient r, Optional<Account> local) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipient", asked);
        m.put("number", local.map(Account::number).orElse(r.number()));
        m.put("username", r.username());
        m.put("uuid", local.map(a -> a.uuid().toString()).orElse(r.uuid()));
        m.put("isRegistered", local.isPresent());
        return m;
    }
}
