package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.ContactRecord;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code block} and {@code unblock}: the same params, opposite flag. */
abstract class BlockingMethod extends BaseMethod {

    private final boolean blocked;

    BlockingMethod(String name, boolean blocked) {
        super(name);
        this.blocked = blocked;
    }

    record Params(List<String> recipient, List<String> groupId) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        var recipients = Addressing.recipients(p.recipient());
        var groups = p.groupId();
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            for (Recipient r : recipients) {
                data.put(data.contact(r).orElse(ContactRecord.of(r)).withBlocked(blocked));
            }
            for (String text : groups) {
                String id = Addressing.groupId(text);
                GroupRecord g = data.group(id).orElseThrow(() -> MessagingException.invalid("Group not found: " + text));
                data.put(Groups.withBlocked(g, blocked));
            }
            return null;
        });
    }
}
