package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.ContactRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;


/** {@code listContacts}, with signal-cli's filters. Hidden contacts only with {@code allRecipients}. */
@Component(service = RpcMethod.class)
public final class ListContacts extends BaseMethod {

    public ListContacts() {
        super("listContacts");
    }

    /** {@code internal} and {@code detailed} are accepted as signal-cli does; every field is always given. */
    record Params(List<String> recipient, boolean allRecipients, Boolean blocked, String name, boolean internal,
            boolean detailed) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        List<Recipient> only = Addressing.recipients(p.recipient());
        String name = p.name();
        boolean all = p.allRecipients();
        AccountData data = AccountData.of(call.requireAccount());
        List<ContactRecord> contacts = new java.util.ArrayList<>();
        for (ContactRecord c : data.contacts()) {
            contacts.add(data.addressed(c));
        }
        return contacts.stream()
                .filter(c -> all || !c.hidden())
                .filter(c -> only.isEmpty() || only.stream().anyMatch(r -> matches(c, r)))
                .filter(c -> p.blocked() == null || c.blocked() == p.blocked())
                .filter(c -> name == null || contains(c.name(), name) || contains(c.nickGivenName(), name))
                .map(ContactView::of)
                .toList();
    }

    static boolean matches(ContactRecord c, Recipient r) {
        return (r.number() != null && r.number().equals(c.number())) || (r.uuid() != null && r.uuid().equals(c.uuid()))
                || (r.username() != null && r.username().equals(c.username()));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
