package org.signalbox.core.messaging.internal.data;

/** A contact as stored; {@code listContacts} writes it in signal-cli's shape. */
public record ContactRecord(String number, String uuid, String username, String givenName, String familyName,
        String nickGivenName, String nickFamilyName, String note, String color, boolean archived, boolean blocked,
        boolean hidden, int messageExpirationTime, boolean profileSharing, ProfileRecord profile) {

    public static ContactRecord of(Recipient r) {
        return new ContactRecord(r.number(), r.uuid(), r.username(), null, null, null, null, null, null, false,
                false, false, 0, false, null);
    }

    public ContactRecord withNames(String given, String family, String nickGiven, String nickFamily, String newNote,
            Integer expiration) {
        return new ContactRecord(number, uuid, username, given, family, nickGiven, nickFamily, newNote, color,
                archived, blocked, hidden, expiration == null ? messageExpirationTime : expiration, profileSharing,
                profile);
    }

    public ContactRecord withAddress(String newNumber, String newUuid) {
        return new ContactRecord(newNumber, newUuid, username, givenName, familyName, nickGivenName, nickFamilyName,
                note, color, archived, blocked, hidden, messageExpirationTime, profileSharing, profile);
    }

    public ContactRecord withBlocked(boolean value) {
        return new ContactRecord(number, uuid, username, givenName, familyName, nickGivenName, nickFamilyName, note,
                color, archived, value, hidden, messageExpirationTime, profileSharing, profile);
    }

    public ContactRecord withHidden(boolean value) {
        return new ContactRecord(number, uuid, username, givenName, familyName, nickGivenName, nickFamilyName, note,
                color, archived, blocked, value, messageExpirationTime, profileSharing, profile);
    }

    /** Given and family name joined, as signal-cli's {@code name}. */
    public String name() {
        return join(givenName, familyName);
    }

    static String join(String first, String last) {
        if (first == null && last == null) {
            return null;
        }
        return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    }
}
