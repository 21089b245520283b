package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.GroupRecord.Member;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code quitGroup}: leaves the group, telling the remaining members (and deletes it with {@code delete}). The last
 * admin must name a new one while other members remain, as in signal-cli.
 */
@Component(service = RpcMethod.class)
public final class QuitGroup extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public QuitGroup(@Reference Messengers messengers) {
        super("quitGroup");
        this.messengers = messengers;
    }

    record Params(String groupId, boolean delete, List<String> admin) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        AccountData data = AccountData.of(self);
        Params p = call.params(Params.class);
        String givenId = p.groupId();
        String id = Addressing.groupId(givenId);
        List<Recipient> newAdmins = Addressing.recipients(p.admin());
        boolean delete = p.delete();
        Recipient me = new Recipient(self.number(), self.uuid().toString(), null);
        GroupRecord left = data.transaction(() -> {
            GroupRecord existing = data.group(id).orElseThrow(() -> MessagingException.invalid("Group not found: " + givenId));
            if (!existing.member()) {
                if (delete) {
                    data.removeGroup(id);
                }
                return null;
            }
            Groups.Draft g = new Groups.Draft(existing);
            for (Recipient r : newAdmins) {
                int i = UpdateGroup.indexOf(g.members, r);
                if (i < 0) {
                    throw MessagingException.invalid(r + " is not a member of the group");
                }
                Member m = g.members.get(i);
                g.members.set(i, new Member(m.number(), m.uuid(), true));
            }
            boolean othersRemain = g.members.stream().anyMatch(m -> !m.is(me));
            boolean otherAdmin = g.members.stream().anyMatch(m -> !m.is(me) && m.admin());
            boolean iAmAdmin = g.members.stream().anyMatch(m -> m.is(me) && m.admin());
            if (iAmAdmin && othersRemain && !otherAdmin) {
                throw MessagingException.invalid("You need to specify a new admin with --admin, because you are the only"
                        + " admin and other members remain");
            }
            g.members.removeIf(m -> m.is(me));
            g.member = false;
            g.revision++;
            GroupRecord record = g.build();
            if (delete) {
                data.removeGroup(id);
            } else {
                data.put(record);
            }
            return record;
        });
        if (left == null) {
            return Map.of();
        }
        Map<String, Object> sent = Sending.groupChange(messengers, self, left, left.members(),
                Wire.GroupContext.Type.QUIT);
        return sent != null ? sent : Map.of("timestamp", MessageClock.next(), "results", List.of());
    }
}
