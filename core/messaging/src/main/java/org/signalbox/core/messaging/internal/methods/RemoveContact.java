package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.Tables;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code removeContact}: deletes the entry; {@code hide} keeps it hidden instead; {@code forget} also drops the
 * recipient's identity key and sessions.
 */
@Component(service = RpcMethod.class)
public final class RemoveContact extends BaseMethod {

    public RemoveContact() {
        super("removeContact", MethodScope.ACCOUNT, "Removes, hides or forgets a contact", """
                {"type":"object","properties":{
                  "recipient":{"type":"string"},
                  "hide":{"type":"boolean","default":false},
                  "forget":{"type":"boolean","default":false}},
                 "required":["recipient"]}""");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Recipient r = Recipient.parse(Params.text(call.params(), "recipient"));
        AccountData data = AccountData.of(call.requireAccount());
        boolean hide = Params.flag(call.params(), "hide");
        boolean forget = Params.flag(call.params(), "forget");
        return data.transaction(() -> {
            if (hide && !forget) {
                var contact = data.contact(r);
                if (contact.isPresent()) {
                    data.put(contact.get().withHidden(true));
                }
                return null;
            }
            data.removeContact(r);
            if (forget) {
                var store = data.account().store();
                store.table(Tables.IDENTITIES).delete(r.key());
                for (String key : store.table(Tables.SESSIONS).all().keySet()) {
                    if (key.startsWith(r.key() + ".")) {
                        store.table(Tables.SESSIONS).delete(key);
                    }
                }
            }
            return null;
        });
    }
}
