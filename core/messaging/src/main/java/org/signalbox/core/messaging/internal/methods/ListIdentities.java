package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.IdentityRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code listIdentities}: remote identity keys with safety numbers and trust, optionally for one recipient. */
@Component(service = RpcMethod.class)
public final class ListIdentities extends BaseMethod {

    public ListIdentities() {
        super("listIdentities");
    }

    record Params(String number) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        String filter = call.params(Params.class).number();
        Recipient only = filter == null ? null : Recipient.parse(filter);
        List<Map<String, Object>> out = new ArrayList<>();
        for (IdentityRecord i : AccountData.of(self).identities()) {
            if (only != null && !only.key().equals(i.number()) && !only.key().equals(i.uuid())) {
                continue;
            }
            SafetyNumbers.Numbers n = SafetyNumbers.of(self, UUID.fromString(i.uuid()),
                    SafetyNumbers.decode(i.identityKey()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", i.number());
            m.put("uuid", i.uuid());
            m.put("fingerprint", n.fingerprint());
            m.put("safetyNumber", SafetyNumbers.displayed(n.safetyNumber()));
            m.put("scannableSafetyNumber", n.scannable());
            m.put("trustLevel", i.trustLevel());
            m.put("addedTimestamp", i.addedTimestamp());
            out.add(m);
        }
        return out;
    }
}
