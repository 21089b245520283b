package org.signalbox.core.messaging.internal.methods;

import java.util.LinkedHashMap;
import java.util.Map;

import org.signalbox.core.messaging.internal.data.ContactRecord;
import org.signalbox.core.messaging.internal.data.ProfileRecord;

/** A contact in {@code listContacts}' shape: every key present, null when unknown. */
final class ContactView {

    private ContactView() {
    }

    static Map<String, Object> of(ContactRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", c.number());
        m.put("uuid", c.uuid());
        m.put("username", c.username());
        m.put("name", c.name());
        m.put("givenName", c.givenName());
        m.put("familyName", c.familyName());
        m.put("nickName", nick(c));
        m.put("nickGivenName", c.nickGivenName());
        m.put("nickFamilyName", c.nickFamilyName());
        m.put("note", c.note());
        m.put("color", c.color());
        m.put("isArchived", c.archived());
        m.put("isBlocked", c.blocked());
        m.put("isHidden", c.hidden());
        m.put("messageExpirationTime", c.messageExpirationTime());
        m.put("profileSharing", c.profileSharing());
        m.put("unregistered", false);
        ProfileRecord p = c.profile() == null ? ProfileRecord.EMPTY : c.profile();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("lastUpdateTimestamp", p.lastUpdateTimestamp());
        profile.put("givenName", p.givenName());
        profile.put("familyName", p.familyName());
        profile.put("about", p.about());
        profile.put("aboutEmoji", p.aboutEmoji());
        profile.put("hasAvatar", p.avatarPath() != null);
        profile.put("mobileCoinAddress", p.mobileCoinAddress());
        m.put("profile", profile);
        return m;
    }

    private static String nick(ContactRecord c) {
        if (c.nickGivenName() == null && c.nickFamilyName() == null) {
            return null;
        }
        return ((c.nickGivenName() == null ? "" : c.nickGivenName()) + " "
                + (c.nickFamilyName() == null ? "" : c.nickFamilyName())).strip();
    }
}
