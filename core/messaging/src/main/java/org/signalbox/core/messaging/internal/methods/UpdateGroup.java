package org.signalbox.core.messaging.internal.methods;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
import org.signalbox.core.messaging.internal.messenger.Messengers;

import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code updateGroup}: creates a group (no {@code groupId}) or changes one this account is a member of, then sends
 * the new state to its members, and to those just removed (docs/protocol/groups.md).
 */
@Component(service = RpcMethod.class)
public final class UpdateGroup extends BaseMethod {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> LINK = Map.of("enabled", "ENABLED", "enabled-with-approval",
            "ENABLED_WITH_APPROVAL", "enabledWithApproval", "ENABLED_WITH_APPROVAL", "disabled", "DISABLED");
    private static final Map<String, String> PERMISSION = Map.of("every-member", "EVERY_MEMBER", "everyMember",
            "EVERY_MEMBER", "only-admins", "ONLY_ADMINS", "onlyAdmins", "ONLY_ADMINS");

    private final Messengers messengers;

    @Activate
    public UpdateGroup(@Reference Messengers messengers) {
        super("updateGroup");
        this.messengers = messengers;
    }

    /** Each text is null when not given; {@code avatar} is accepted as signal-cli does (groups have none yet). */
    record Params(String groupId, String name, String description, String avatar, List<String> member,
            List<String> removeMember, List<String> admin, List<String> removeAdmin, List<String> ban,
            List<String> unban, boolean resetLink, String link, String setPermissionAddMember,
            String setPermissionEditDetails, String setPermissionSendMessages, Integer expiration) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        Account self = call.requireAccount();
        AccountData data = AccountData.of(self);
        String link = lookup(LINK, p.link(), "Invalid group link state: ");
        String addMember = lookup(PERMISSION, p.setPermissionAddMember(), "Invalid group permission: ");
        String editDetails = lookup(PERMISSION, p.setPermissionEditDetails(),
                "Invalid group permission: ");
        String sendMessages = lookup(PERMISSION, p.setPermissionSendMessages(),
                "Invalid group permission: ");
        String givenId = p.groupId();
        List<Member> told = new ArrayList<>();
        GroupRecord changed = data.transaction(() -> {
            Groups.Draft g;
            if (givenId == null) {
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                g = new Groups.Draft(Groups.empty(Base64.getEncoder().encodeToString(raw)));
                g.members.add(new Member(self.number(), self.uuid().toString(), true));
            } else {
                String id = Addressing.groupId(givenId);
                GroupRecord existing = data.group(id).orElseThrow(() -> MessagingException.invalid("Group not found: " + givenId));
                if (!existing.member()) {
                    throw MessagingException.invalid("You are not a member of group " + givenId);
                }
                g = new Groups.Draft(existing);
                told.addAll(existing.members());
            }
            if (p.name() != null) {
                g.name = p.name();
            }
            if (p.description() != null) {
                g.description = p.description();
            }
            for (Recipient r : Addressing.recipients(p.member())) {
                g.banned.removeIf(m -> m.is(r));
                // approving someone who asked by link: they are known by both number and UUID
                Member asked = g.requesting.stream().filter(m -> m.is(r)).findFirst().orElse(null);
                g.requesting.removeIf(m -> m.is(r));
                if (g.members.stream().noneMatch(m -> m.is(r))) {
                    g.members.add(asked != null ? asked : new Member(r.number(), r.uuid(), false));
                }
            }
            for (Recipient r : Addressing.recipients(p.removeMember())) {
                g.requesting.removeIf(m -> m.is(r));
                g.members.removeIf(m -> m.is(r));
            }
            setAdmin(g, Addressing.recipients(p.admin()), true);
            setAdmin(g, Addressing.recipients(p.removeAdmin()), false);
            for (Recipient r : Addressing.recipients(p.ban())) {
                g.members.removeIf(m -> m.is(r));
                if (g.banned.stream().noneMatch(m -> m.is(r))) {
                    g.banned.add(new Member(r.number(), r.uuid(), false));
                }
            }
            for (Recipient r : Addressing.recipients(p.unban())) {
                g.banned.removeIf(m -> m.is(r));
            }
            if (link != null) {
                g.link = link;
            }
            if (p.resetLink() || (!"DISABLED".equals(g.link) && g.linkPassword == null)) {
                byte[] password = new byte[16];
                RANDOM.nextBytes(password);
                g.linkPassword = HexFormat.of().formatHex(password);
            }
            g.addMember = addMember == null ? g.addMember : addMember;
            g.editDetails = editDetails == null ? g.editDetails : editDetails;
            g.sendMessage = sendMessages == null ? g.sendMessage : sendMessages;
            if (p.expiration() != null) {
                g.expiration = p.expiration();
            }
            g.revision++;
            GroupRecord record = g.build();
            data.put(record);
            return record;
        });
        told.addAll(changed.members());
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> sent = Sending.groupChange(messengers, self, changed, told, Wire.GroupContext.Type.UPDATE);
        if (sent != null) {
            result.putAll(sent);
        }
        if (givenId == null) {
            result.put("groupId", changed.id());
        }
        return result;
    }

    private static void setAdmin(Groups.Draft g, List<Recipient> who, boolean admin) throws MessagingException {
        for (Recipient r : who) {
            int i = indexOf(g.members, r);
            if (i < 0) {
                throw MessagingException.invalid(r + " is not a member of the group");
            }
            Member m = g.members.get(i);
            g.members.set(i, new Member(m.number(), m.uuid(), admin));
        }
    }

    static int indexOf(List<Member> members, Recipient r) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).is(r)) {
                return i;
            }
        }
        return -1;
    }

    private static String lookup(Map<String, String> words, String value, String error) throws MessagingException {
        if (value == null) {
            return null;
        }
        String mapped = words.get(value);
        if (mapped == null) {
            throw MessagingException.invalid(error + value);
        }
        return mapped;
    }
}
