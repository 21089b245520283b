package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.Messenger;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code getUserStatus}: asks the messaging server's directory (docs/protocol/server-directory.md). Usernames are
 * not in the directory, so they are never registered.
 */
@Component(service = RpcMethod.class)
public final class GetUserStatus extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public GetUserStatus(@Reference Messengers messengers) {
        super("getUserStatus");
        this.messengers = messengers;
    }

    record Params(List<String> recipient, List<String> username) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        List<Map<String, Object>> out = new ArrayList<>();
        Params p = call.params(Params.class);
        List<String> recipients = p.recipient();
        if (!recipients.isEmpty()) {
            Messenger messenger = messengers.require(self);
            for (String text : recipients) {
                Recipient r = Recipient.parse(text);
                try {
                    Optional<DirectoryEntry> e = r.username() == null ? messenger.lookup(r) : Optional.empty();
                    out.add(status(text, e.map(DirectoryEntry::getNumber).orElse(r.number()), r.username(),
                            e.map(DirectoryEntry::getUuid).orElse(r.uuid()), e.isPresent()));
                } catch (IOException e) {
                    throw MessagingException.io("Directory lookup failed: " + e.getMessage());
                }
            }
        }
        for (String name : p.username()) {
            out.add(status(name, null, name, null, false));
        }
        return out;
    }

    private static Map<String, Object> status(String asked, String number, String username, String uuid,
            boolean registered) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipient", asked);
        m.put("number", number == null || number.isEmpty() ? null : number);
        m.put("username", username);
        m.put("uuid", uuid);
        m.put("isRegistered", registered);
        return m;
    }
}
