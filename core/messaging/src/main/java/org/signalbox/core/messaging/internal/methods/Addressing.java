package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.signalbox.core.messaging.internal.data.Recipient;

import org.signalbox.core.messaging.internal.data.MessagingException;

/** What several methods' params records need beyond their types: recipients and group ids parsed. */
final class Addressing {

    private Addressing() {
    }

    static List<Recipient> recipients(List<String> texts) throws MessagingException {
        List<Recipient> out = new ArrayList<>();
        for (String s : texts) {
            out.add(Recipient.parse(s));
        }
        return out;
    }

    /** A group id as {@code listGroups} prints it: base64 of the 32-byte group identifier. */
    static String groupId(String text) throws MessagingException {
        try {
            byte[] raw = Base64.getDecoder().decode(text);
            if (raw.length != 32) {
                throw MessagingException.invalid("Invalid group id: " + text);
            }
            return Base64.getEncoder().encodeToString(raw);
        } catch (IllegalArgumentException e) {
            throw MessagingException.invalid("Invalid group id: " + text);
        }
    }
}
