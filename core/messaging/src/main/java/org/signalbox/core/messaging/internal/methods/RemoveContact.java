package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
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
        super("removeContact");
    }

    record Params(String recipient, boolean hide, boolean forget) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        Recipient r = Recipient.parse(p.recipient());
        AccountData data = AccountData.of(call.requireAccount());
        boolean hide = p.hide();
        boolean forget = p.forget();
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
