package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.Locale;

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

/** {@code listContacts}, with signal-cli's filters. Hidden contacts only with {@code allRecipients}. */
@Component(service = RpcMethod.class)
public final class ListContacts extends QueryMethod {

    public ListContacts() {
        super("listContacts", MethodScope.ACCOUNT, "Lists contacts", """
                {"type":"object","properties":{
                  "recipient":{"type":"array","items":{"type":"string"}},
                  "allRecipients":{"type":"boolean","default":false},
                  "blocked":{"type":"boolean"},
                  "name":{"type":"string"},
                  "internal":{"type":"boolean","default":false},
                  "detailed":{"type":"boolean","default":false}}}""");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        ObjectNode p = call.params();
        List<Recipient> only = Params.recipients(p, "recipient");
        String name = Params.text(p, "name");
        boolean all = Params.flag(p, "allRecipients");
        return AccountData.of(call.requireAccount()).contacts().stream()
                .filter(c -> all || !c.hidden())
                .filter(c -> only.isEmpty() || only.stream().anyMatch(r -> matches(c, r)))
                .filter(c -> !p.has("blocked") || c.blocked() == p.get("blocked").asBoolean())
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
