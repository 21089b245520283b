package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.GroupSync;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.messenger.SendResult;

/**
 * {@code joinGroup}: asks to join by an invite link. With no group server the request goes, end to end, to the
 * member the link names, whose client admits the holder (or queues them for an admin, where the link needs
 * approval); the group itself arrives as that member's update (docs/protocol/groups.md). So the answer always
 * says {@code onlyRequested}: this account is not in the group until then.
 */
@Component(service = RpcMethod.class)
public final class JoinGroup extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public JoinGroup(@Reference Messengers messengers) {
        super("joinGroup");
        this.messengers = messengers;
    }

    record Params(String uri) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        String uri = call.params(Params.class).uri();
        Wire.GroupInviteLink link = GroupSync.parseLink(uri).orElseThrow(() -> MessagingException.invalid(
                "Invalid group link: " + uri));
        String id = Base64.getEncoder().encodeToString(link.getGroupId().toByteArray());
        if (AccountData.of(self).group(id).filter(g -> g.member()).isPresent()) {
            throw MessagingException.invalid("Already a member of group " + id);
        }
        String inviter = link.getInviter().getUuid();
        if (inviter.equals(self.uuid().toString())) {
            throw MessagingException.invalid("This invite link is this account's own");
        }
        long timestamp = MessageClock.next();
        Wire.Content content = Sending.content(timestamp).setDataMessage(Wire.DataMessage.newBuilder()
                .setTimestamp(timestamp).setGroup(Wire.GroupContext.newBuilder().setId(link.getGroupId())
                        .setType(Wire.GroupContext.Type.JOIN_REQUEST).setLinkPassword(link.getPassword()))).build();
        List<SendResult> results;
        try {
            results = messengers.require(self).send(List.of(new Recipient(null, inviter, null)), content).stream()
                    .map(r -> r.inGroup(id)).toList();
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>(SendResult.result(timestamp, results));
        result.put("groupId", id);
        result.put("onlyRequested", true);
        return result;
    }
}
