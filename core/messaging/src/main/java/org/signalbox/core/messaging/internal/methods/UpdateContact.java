package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.ContactRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;


/**
 * {@code updateContact}: sets local names, note and expiration. {@code name} is split at the first space into
 * given and family name, as signal-cli does.
 */
@Component(service = RpcMethod.class)
public final class UpdateContact extends BaseMethod {

    public UpdateContact() {
        super("updateContact");
    }

    /** Each field is null when not given. */
    record Params(String recipient, String name, String givenName, String familyName, String nickGivenName,
            String nickFamilyName, String note, Integer expiration) {
    }

    private static String or(String given, String old) {
        return given != null ? given : old;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        Recipient r = Recipient.parse(p.recipient());
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            ContactRecord c = data.contact(r).orElse(ContactRecord.of(r));
            String given = c.givenName();
            String family = c.familyName();
            String name = p.name();
            if (name != null) {
                int space = name.indexOf(' ');
                given = space < 0 ? name : name.substring(0, space);
                family = space < 0 ? null : name.substring(space + 1);
            }
            data.put(c.withNames(or(p.givenName(), given), or(p.familyName(), family),
                    or(p.nickGivenName(), c.nickGivenName()), or(p.nickFamilyName(), c.nickFamilyName()),
                    or(p.note(), c.note()), p.expiration()));
            return null;
        });
    }
}
