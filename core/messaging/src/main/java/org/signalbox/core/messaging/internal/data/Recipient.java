package org.signalbox.core.messaging.internal.data;

import java.util.UUID;
import java.util.regex.Pattern;


/**
 * A recipient as clients name one: E.164 number, ACI UUID, {@code PNI:<uuid>} or {@code u:<username>}.
 * Exactly one of the fields is set.
 */
public record Recipient(String number, String uuid, String username) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public static Recipient parse(String text) throws MessagingException {
        String t = text.strip();
        if (t.startsWith("u:")) {
            if (t.length() == 2) {
                throw MessagingException.invalid("Invalid username '" + text + "'");
            }
            return new Recipient(null, null, t.substring(2));
        }
        String uuidText = t.regionMatches(true, 0, "PNI:", 0, 4) ? t.substring(4) : t;
        try {
            if (uuidText.length() == 36) {
                return new Recipient(null, UUID.fromString(uuidText).toString(), null);
            }
        } catch (IllegalArgumentException notUuid) {
            // a phone number, then
        }
        if (t.indexOf('@') >= 0) {
            throw MessagingException.invalid("Invalid phone number '" + text + "': an address with @ is not a number");
        }
        String digits = t.replaceAll("[^0-9+]", "");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        }
        if (!E164.matcher(digits).matches()) {
            throw MessagingException.invalid("Invalid phone number '" + text
                    + "': give it in international E.164 form, e.g. +15550001111");
        }
        return new Recipient(digits, null, null);
    }

    /** The key this recipient's records are stored under. */
    public String key() {
        return key(number, uuid, username);
    }

    static String key(String number, String uuid, String username) {
        return number != null ? number : uuid != null ? uuid : "u:" + username;
    }

    @Override
    public String toString() {
        return key();
    }
}
