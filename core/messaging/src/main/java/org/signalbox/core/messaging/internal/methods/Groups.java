package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.signalbox.api.account.Account;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.GroupRecord.Member;
import org.signalbox.core.messaging.internal.messenger.GroupSync;

/** Editing groups and writing them in {@code listGroups}' shape. */
final class Groups {

    private Groups() {
    }

    /** A group being changed. */
    static final class Draft {
        String id;
        String name;
        String description;
        boolean member;
        boolean blocked;
        int expiration;
        List<Member> members;
        List<Member> pending;
        List<Member> requesting;
        List<Member> banned;
        String addMember;
        String editDetails;
        String sendMessage;
        String link;
        String linkPassword;
        int revision;

        Draft(GroupRecord g) {
            id = g.id();
            name = g.name();
            description = g.description();
            member = g.member();
            blocked = g.blocked();
            expiration = g.messageExpirationTime();
            members = new ArrayList<>(g.members());
            pending = new ArrayList<>(g.pendingMembers());
            requesting = new ArrayList<>(g.requestingMembers());
            banned = new ArrayList<>(g.banned());
            addMember = g.permissionAddMember();
            editDetails = g.permissionEditDetails();
            sendMessage = g.permissionSendMessage();
            link = g.link();
            linkPassword = g.linkPassword();
            revision = g.revision();
        }

        GroupRecord build() {
            return new GroupRecord(id, name, description, member, blocked, expiration, List.copyOf(members),
                    List.copyOf(pending), List.copyOf(requesting), List.copyOf(banned), addMember, editDetails,
                    sendMessage, link, linkPassword, revision);
        }
    }

    static GroupRecord empty(String id) {
        return new GroupRecord(id, null, null, true, false, 0, List.of(), List.of(), List.of(), List.of(),
                "EVERY_MEMBER", "EVERY_MEMBER", "EVERY_MEMBER", "DISABLED", null, 0);
    }

    static GroupRecord withBlocked(GroupRecord g, boolean blocked) {
        Draft d = new Draft(g);
        d.blocked = blocked;
        return d.build();
    }

    /** {@code self}'s view: the invite link it shows is its own, naming it as the member who admits. */
    static Map<String, Object> view(GroupRecord g, Account self) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("description", g.description());
        m.put("isMember", g.member());
        m.put("isBlocked", g.blocked());
        m.put("messageExpirationTime", g.messageExpirationTime());
        m.put("members", g.members().stream().map(x -> member(x, true)).toList());
        m.put("pendingMembers", g.pendingMembers().stream().map(x -> member(x, false)).toList());
        m.put("requestingMembers", g.requestingMembers().stream().map(x -> member(x, false)).toList());
        m.put("admins", g.members().stream().filter(Member::admin).map(x -> member(x, false)).toList());
        m.put("banned", g.banned().stream().map(x -> member(x, false)).toList());
        m.put("permissionAddMember", g.permissionAddMember());
        m.put("permissionEditDetails", g.permissionEditDetails());
        m.put("permissionSendMessage", g.permissionSendMessage());
        m.put("groupInviteLink", g.link().equals("DISABLED") || g.linkPassword() == null || !g.member() ? null
                : GroupSync.inviteLink(g, self));
        return m;
    }

    private static Map<String, Object> member(Member x, boolean withAdmin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", x.number());
        m.put("uuid", x.uuid());
        if (withAdmin) {
            m.put("isAdmin", x.admin());
        }
        return m;
    }
}
