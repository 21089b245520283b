package org.signalbox.core.messaging.internal.messenger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.GroupRecord.Member;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.google.protobuf.ByteString;

/**
 * Groups without a group server (docs/protocol/groups.md): each member's client keeps the group, and every group
 * message carries the sender's view of it. A newer revision, or a group not known yet, replaces the local one.
 */
public final class GroupSync {

    private final Account account;

    GroupSync(Account account) {
        this.account = account;
    }

    /** What a message to the group carries. */
    public static Wire.GroupContext context(GroupRecord g, Wire.GroupContext.Type type) {
        Wire.GroupContext.Builder c = Wire.GroupContext.newBuilder()
                .setId(ByteString.copyFrom(Base64.getDecoder().decode(g.id()))).setType(type)
                .setRevision(g.revision()).setExpiresInSeconds(g.messageExpirationTime());
        if (g.name() != null) {
            c.setName(g.name());
        }
        if (g.description() != null) {
            c.setDescription(g.description());
        }
        for (Member m : g.members()) {
            c.addMembers(person(m));
            if (m.admin()) {
                c.addAdmins(person(m));
            }
        }
        return c.build();
    }

    private static Wire.Person person(Member m) {
        Wire.Person.Builder p = Wire.Person.newBuilder();
        if (m.uuid() != null) {
            p.setUuid(m.uuid());
        }
        if (m.number() != null) {
            p.setNumber(m.number());
        }
        return p.build();
    }

    /** Applies the group view a member sent. */
    void received(Envelopes.Source from, Wire.GroupContext c) throws StorageException {
        String id = Base64.getEncoder().encodeToString(c.getId().toByteArray());
        AccountData data = AccountData.of(account);
        try {
            Optional<GroupRecord> known = data.group(id);
            if (known.isPresent() && known.get().members().stream().noneMatch(m -> from.uuid().equals(m.uuid())
                    || (from.number() != null && from.number().equals(m.number())))) {
                return; // only members speak for a group; a stranger's view of it changes nothing
            }
            if (c.getType() == Wire.GroupContext.Type.QUIT && known.isEmpty()) {
                return; // a QUIT carries the group without its sender, like an UPDATE; unknown groups stay unknown
            }
            if (known.isPresent() && known.get().revision() >= c.getRevision()) {
                return;
            }
            List<Member> members = new ArrayList<>();
            boolean self = false;
            for (Wire.Person p : c.getMembersList()) {
                boolean admin = c.getAdminsList().stream().anyMatch(a -> same(a, p));
                members.add(new Member(p.getNumber().isEmpty() ? null : p.getNumber(),
                        p.getUuid().isEmpty() ? null : p.getUuid(), admin));
                self |= account.uuid().toString().equals(p.getUuid()) || account.number().equals(p.getNumber());
            }
            String name = c.getName().isEmpty() ? null : c.getName();
            String description = c.getDescription().isEmpty() ? null : c.getDescription();
            GroupRecord base = known.orElse(new GroupRecord(id, null, null, true, false, 0, List.of(), List.of(),
                    List.of(), List.of(), "EVERY_MEMBER", "EVERY_MEMBER", "EVERY_MEMBER", "DISABLED", null, 0));
            data.put(copy(base, name, description, self, members, c.getRevision(), c.getExpiresInSeconds()));
        } catch (MessagingException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    private static boolean same(Wire.Person a, Wire.Person b) {
        return (!a.getUuid().isEmpty() && a.getUuid().equals(b.getUuid()))
                || (!a.getNumber().isEmpty() && a.getNumber().equals(b.getNumber()));
    }

    private static GroupRecord copy(GroupRecord g, String name, String description, boolean member,
            List<Member> members, int revision, int expiration) {
        return new GroupRecord(g.id(), name, description, member, g.blocked(), expiration, List.copyOf(members),
                g.pendingMembers(), g.requestingMembers(), g.banned(), g.permissionAddMember(),
                g.permissionEditDetails(), g.permissionSendMessage(), g.link(), g.linkPassword(), revision);
    }
}
