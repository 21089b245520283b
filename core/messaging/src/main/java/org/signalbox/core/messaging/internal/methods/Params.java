package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.signalbox.core.messaging.internal.data.Recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** Reading params that the engine has already validated against the method's schema. */
final class Params {

    private Params() {
    }

    static String text(ObjectNode p, String name) {
        JsonNode v = p.get(name);
        return v == null ? null : v.asText();
    }

    static boolean flag(ObjectNode p, String name) {
        return p.path(name).asBoolean(false);
    }

    static Integer integer(ObjectNode p, String name) {
        JsonNode v = p.get(name);
        return v == null ? null : v.intValue();
    }

    static List<String> texts(ObjectNode p, String name) {
        List<String> out = new ArrayList<>();
        p.path(name).forEach(v -> out.add(v.asText()));
        return out;
    }

    static List<Recipient> recipients(ObjectNode p, String name) throws MessagingException {
        List<Recipient> out = new ArrayList<>();
        for (String s : texts(p, name)) {
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
