package org.signalbox.core.messaging.internal.methods;

import org.signalbox.api.rpc.MethodScope;
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
        super(name, MethodScope.ACCOUNT, (blocked ? "Blocks" : "Unblocks") + " contacts or groups", """
                {"type":"object","properties":{
                  "recipient":{"type":"array","items":{"type":"string"}},
                  "groupId":{"type":"array","items":{"type":"string"}}}}""");
        this.blocked = blocked;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        var recipients = Params.recipients(call.params(), "recipient");
        var groups = Params.texts(call.params(), "groupId");
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            for (Recipient r : recipients) {
                data.put(data.contact(r).orElse(ContactRecord.of(r)).withBlocked(blocked));
            }
            for (String text : groups) {
                String id = Params.groupId(text);
                GroupRecord g = data.group(id).orElseThrow(() -> MessagingException.invalid("Group not found: " + text));
                data.put(Groups.withBlocked(g, blocked));
            }
            return null;
        });
    }
}
