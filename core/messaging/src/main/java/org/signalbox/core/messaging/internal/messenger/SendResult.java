package org.signalbox.core.messaging.internal.messenger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** One recipient's outcome, written as signal-cli's {@code SendMessageResult}. */
public record SendResult(String uuid, String number, String groupId, Type type) {

    public enum Type {
        SUCCESS, NETWORK_FAILURE, UNREGISTERED_FAILURE, IDENTITY_FAILURE, RATE_LIMIT_FAILURE, INVALID_PRE_KEY_FAILURE
    }

    public SendResult inGroup(String id) {
        return new SendResult(uuid, number, id, type);
    }

    Map<String, Object> json() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("uuid", uuid);
        address.put("number", number);
        address.put("username", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipientAddress", address);
        if (groupId != null) {
            m.put("groupId", groupId);
        }
        m.put("type", type.name());
        return m;
    }

    /** {@code {timestamp, results}} whatever the results are. */
    public static Map<String, Object> result(long timestamp, List<SendResult> results) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timestamp", timestamp);
        r.put("results", results.stream().map(SendResult::json).toList());
        return r;
    }
}
