package org.signalbox.core.messaging.internal.data;

import java.util.List;

/**
 * A group as this account knows it. Permissions use signal-cli's result words ({@code EVERY_MEMBER},
 * {@code ONLY_ADMINS}); {@code link} is {@code DISABLED}, {@code ENABLED} or {@code ENABLED_WITH_APPROVAL}.
 */
public record GroupRecord(String id, String name, String description, boolean member, boolean blocked,
        int messageExpirationTime, List<Member> members, List<Member> pendingMembers,
        List<Member> requestingMembers, List<Member> banned, String permissionAddMember,
        String permissionEditDetails, String permissionSendMessage, String link, String linkPassword,
        int revision) {

    /** A member; {@code number} or {@code uuid} may be unknown (null). */
    public record Member(String number, String uuid, boolean admin) {

        public boolean is(Recipient r) {
            return (r.number() != null && r.number().equals(number)) || (r.uuid() != null && r.uuid().equals(uuid));
        }
    }
}
