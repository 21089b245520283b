package org.signalbox.core.messaging.internal.data;

import java.util.ArrayList;
import java.util.List;

import org.signalbox.api.storage.StorageException;

/**
 * A group as this account knows it. Permissions use signal-cli's result words ({@code EVERY_MEMBER},
 * {@code ONLY_ADMINS}); {@code link} is {@code DISABLED}, {@code ENABLED} or {@code ENABLED_WITH_APPROVAL}.
 */
public record GroupRecord(String id, String name, String description, boolean member, boolean blocked,
        int messageExpirationTime, List<Member> members, List<Member> pendingMembers,
        List<Member> requestingMembers, List<Member> banned, String permissionAddMember,
        String permissionEditDetails, String permissionSendMessage, String link, String linkPassword,
        int revision) {

    /** What a member may be replaced by. */
    @FunctionalInterface
    public interface MemberChange {
        Member apply(Member m) throws StorageException;
    }

    /** This group with {@code change} applied to everyone it names. */
    public GroupRecord withMembers(MemberChange change) throws StorageException {
        return new GroupRecord(id, name, description, member, blocked, messageExpirationTime, each(members, change),
                each(pendingMembers, change), each(requestingMembers, change), each(banned, change),
                permissionAddMember, permissionEditDetails, permissionSendMessage, link, linkPassword, revision);
    }

    private static List<Member> each(List<Member> people, MemberChange change) throws StorageException {
        List<Member> out = new ArrayList<>(people.size());
        for (Member m : people) {
            out.add(change.apply(m));
        }
        return List.copyOf(out);
    }

    /** A member; {@code number} or {@code uuid} may be unknown (null). */
    public record Member(String number, String uuid, boolean admin) {

        public boolean is(Recipient r) {
            return (r.number() != null && r.number().equals(number)) || (r.uuid() != null && r.uuid().equals(uuid));
        }
    }
}
