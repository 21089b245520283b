package org.signalbox.core.messaging.internal.messenger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.GroupRecord.Member;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.data.Recipient;

import com.google.protobuf.ByteString;

/**
 * Groups without a group server (docs/protocol/groups.md): each member's client keeps the group, and every group
 * message carries the sender's view of it. A newer revision, or a group not known yet, replaces the local one.
 */
public final class GroupSync {

    private static final System.Logger LOG = System.getLogger("Receive");
    private static final String LINK_PREFIX = "https://signal.group/#";
    private static final String UPDATES_OWED = "group-updates-owed";
    private static final Map<String, Wire.GroupContext.LinkState> LINK_STATES = Map.of(
            "DISABLED", Wire.GroupContext.LinkState.LINK_DISABLED,
            "ENABLED", Wire.GroupContext.LinkState.LINK_ENABLED,
            "ENABLED_WITH_APPROVAL", Wire.GroupContext.LinkState.LINK_ENABLED_WITH_APPROVAL);

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
        g.requestingMembers().forEach(m -> c.addRequesting(person(m)));
        c.setLink(LINK_STATES.getOrDefault(g.link(), Wire.GroupContext.LinkState.LINK_DISABLED));
        if (g.linkPassword() != null) {
            c.setLinkPassword(ByteString.copyFrom(HexFormat.of().parseHex(g.linkPassword())));
        }
        return c.build();
    }

    /** The message telling members of group {@code g} as it is now: its context of {@code type} and its timer. */
    public static Wire.Content change(GroupRecord g, Wire.GroupContext.Type type, long timestamp) {
        return Wire.Content.newBuilder().setTimestamp(timestamp).setDataMessage(Wire.DataMessage.newBuilder()
                .setTimestamp(timestamp).setExpiresInSeconds(g.messageExpirationTime()).setGroup(context(g, type)))
                .build();
    }

    /** The people among {@code members} to send to, {@code self} left out. */
    public static List<Recipient> others(Account self, Collection<Member> members) {
        return members.stream()
                .filter(m -> !self.uuid().toString().equals(m.uuid()) && !self.number().equals(m.number()))
                .map(m -> new Recipient(m.uuid() == null ? m.number() : null, m.uuid(), null)).distinct().toList();
    }

    /** The invite link of {@code g} that {@code inviter} hands out: its client admits who comes by it. */
    public static String inviteLink(GroupRecord g, Account inviter) {
        Wire.GroupInviteLink link = Wire.GroupInviteLink.newBuilder()
                .setGroupId(ByteString.copyFrom(Base64.getDecoder().decode(g.id())))
                .setPassword(ByteString.copyFrom(HexFormat.of().parseHex(g.linkPassword())))
                .setInviter(Wire.Person.newBuilder().setUuid(inviter.uuid().toString())).build();
        return LINK_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(link.toByteArray());
    }

    /** The link's parts, or empty if {@code uri} is not a whole invite link. */
    public static Optional<Wire.GroupInviteLink> parseLink(String uri) {
        if (uri == null || !uri.startsWith(LINK_PREFIX)) {
            return Optional.empty();
        }
        try {
            Wire.GroupInviteLink link = Wire.GroupInviteLink.parseFrom(Base64.getUrlDecoder().decode(
                    uri.substring(LINK_PREFIX.length())));
            boolean whole = link.getGroupId().size() == 32 && link.getPassword().size() == 16
                    && !link.getInviter().getUuid().isEmpty();
            return whole ? Optional.of(link) : Optional.empty();
        } catch (IllegalArgumentException | com.google.protobuf.InvalidProtocolBufferException e) {
            return Optional.empty();
        }
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

    /**
     * Applies the group view a member sent, or answers a join request. Returns whether the content is a message
     * for the account's clients (a join request is not: what it changes comes to them as the group's update).
     */
    boolean received(Envelopes.Source from, Wire.GroupContext c) throws StorageException {
        String id = Base64.getEncoder().encodeToString(c.getId().toByteArray());
        AccountData data = AccountData.of(account);
        try {
            Optional<GroupRecord> known = data.group(id);
            if (c.getType() == Wire.GroupContext.Type.JOIN_REQUEST) {
                if (known.isPresent()) {
                    admit(data, known.get(), from, c.getLinkPassword());
                }
                return false;
            }
            if (known.isPresent() && known.get().members().stream().noneMatch(m -> from.uuid().equals(m.uuid())
                    || (from.number() != null && from.number().equals(m.number())))) {
                return true; // only members speak for a group; a stranger's view of it changes nothing
            }
            if (c.getType() == Wire.GroupContext.Type.QUIT && known.isEmpty()) {
                return true; // a QUIT carries the group without its sender, like an UPDATE; unknown groups stay unknown
            }
            if (known.isPresent() && known.get().revision() >= c.getRevision()) {
                return true;
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
            List<Member> requesting = c.getRequestingList().stream().map(p -> new Member(
                    p.getNumber().isEmpty() ? null : p.getNumber(), p.getUuid().isEmpty() ? null : p.getUuid(), false))
                    .toList();
            String link = LINK_STATES.entrySet().stream().filter(e -> e.getValue() == c.getLink())
                    .map(Map.Entry::getKey).findFirst().orElse("DISABLED");
            String password = c.getLinkPassword().isEmpty() ? null : HexFormat.of().formatHex(
                    c.getLinkPassword().toByteArray());
            GroupRecord base = known.orElse(new GroupRecord(id, null, null, true, false, 0, List.of(), List.of(),
                    List.of(), List.of(), "EVERY_MEMBER", "EVERY_MEMBER", "EVERY_MEMBER", "DISABLED", null, 0));
            data.put(new GroupRecord(base.id(), name, description, self, base.blocked(), c.getExpiresInSeconds(),
                    List.copyOf(members), base.pendingMembers(), requesting, base.banned(), base.permissionAddMember(),
                    base.permissionEditDetails(), base.permissionSendMessage(), link, password, c.getRevision()));
            return true;
        } catch (MessagingException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    /**
     * Someone came by this member's invite link: with the link on and its password right, and the person neither
     * banned nor in the group yet, they become a member, or wait for an admin where the link needs approval. The
     * group's update to its members is owed in this transaction and sent by {@link #sendOwed}.
     */
    private void admit(AccountData data, GroupRecord g, Envelopes.Source from, ByteString password)
            throws StorageException, MessagingException {
        Recipient who = new Recipient(from.number(), from.uuid(), null);
        boolean open = g.member() && !"DISABLED".equals(g.link()) && g.linkPassword() != null
                && java.security.MessageDigest.isEqual(HexFormat.of().parseHex(g.linkPassword()),
                        password.toByteArray());
        if (!open || g.banned().stream().anyMatch(m -> m.is(who)) || g.members().stream().anyMatch(m -> m.is(who))
                || g.requestingMembers().stream().anyMatch(m -> m.is(who))) {
            LOG.log(System.Logger.Level.INFO, "Ignored a request to join group " + g.id() + " from " + from.uuid()
                    + (open ? ": already in it, asking, or banned" : ": its link is off or the password is wrong"));
            return;
        }
        Member joiner = new Member(from.number(), from.uuid(), false);
        boolean approval = "ENABLED_WITH_APPROVAL".equals(g.link());
        List<Member> members = new ArrayList<>(g.members());
        List<Member> requesting = new ArrayList<>(g.requestingMembers());
        (approval ? requesting : members).add(joiner);
        data.put(new GroupRecord(g.id(), g.name(), g.description(), g.member(), g.blocked(),
                g.messageExpirationTime(), List.copyOf(members), g.pendingMembers(), List.copyOf(requesting),
                g.banned(), g.permissionAddMember(), g.permissionEditDetails(), g.permissionSendMessage(), g.link(),
                g.linkPassword(), g.revision() + 1));
        account.store().queue(UPDATES_OWED).append(g.id().getBytes(StandardCharsets.UTF_8));
    }

    /** What sends a group's update to its members. */
    @FunctionalInterface
    interface Sender {
        void send(List<Recipient> to, Wire.Content content) throws Exception;
    }

    /**
     * After the transaction: tells each group that admitted someone its new state, once the server took it; a
     * failure keeps it owed for the next time.
     */
    void sendOwed(Sender sender) {
        try {
            MessageQueue owed = account.store().queue(UPDATES_OWED);
            for (MessageQueue.QueuedMessage m : owed.pending(Integer.MAX_VALUE)) {
                Optional<GroupRecord> g = AccountData.of(account).group(new String(m.payload(),
                        StandardCharsets.UTF_8));
                if (g.isPresent()) {
                    sender.send(others(account, g.get().members()), change(g.get(), Wire.GroupContext.Type.UPDATE,
                            MessageClock.next()));
                }
                owed.acknowledge(m.sequence());
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Group updates stay owed: " + e.getMessage());
        }
    }

    private static boolean same(Wire.Person a, Wire.Person b) {
        return (!a.getUuid().isEmpty() && a.getUuid().equals(b.getUuid()))
                || (!a.getNumber().isEmpty() && a.getNumber().equals(b.getNumber()));
    }
}
