package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.ContactRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code updateContact}: sets local names, note and expiration. {@code name} is split at the first space into
 * given and family name, as signal-cli does.
 */
@Component(service = RpcMethod.class)
public final class UpdateContact extends BaseMethod {

    public UpdateContact() {
        super("updateContact", MethodScope.ACCOUNT, "Creates or updates a contact", """
                {"type":"object","properties":{
                  "recipient":{"type":"string"},
                  "name":{"type":"string"},
                  "givenName":{"type":"string"},
                  "familyName":{"type":"string"},
                  "nickGivenName":{"type":"string"},
                  "nickFamilyName":{"type":"string"},
                  "note":{"type":"string"},
                  "expiration":{"type":"integer","minimum":0}},
                 "required":["recipient"]}""");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        ObjectNode p = call.params();
        Recipient r = Recipient.parse(Params.text(p, "recipient"));
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            ContactRecord c = data.contact(r).orElse(ContactRecord.of(r));
            String given = c.givenName();
            String family = c.familyName();
            String name = Params.text(p, "name");
            if (name != null) {
                int space = name.indexOf(' ');
                given = space < 0 ? name : name.substring(0, space);
                family = space < 0 ? null : name.substring(space + 1);
            }
            given = p.has("givenName") ? Params.text(p, "givenName") : given;
            family = p.has("familyName") ? Params.text(p, "familyName") : family;
            data.put(c.withNames(given, family,
                    p.has("nickGivenName") ? Params.text(p, "nickGivenName") : c.nickGivenName(),
                    p.has("nickFamilyName") ? Params.text(p, "nickFamilyName") : c.nickFamilyName(),
                    p.has("note") ? Params.text(p, "note") : c.note(),
                    Params.integer(p, "expiration")));
            return null;
        });
    }
}
