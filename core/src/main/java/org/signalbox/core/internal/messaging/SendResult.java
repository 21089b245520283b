package org.signalbox.core.internal.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;

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

    /**
     * The method result {@code {timestamp, results}}; when no recipient succeeded, the error signal-cli gives,
     * carrying that result as {@code data.response}.
     */
    public static Map<String, Object> response(long timestamp, List<SendResult> results) throws RpcException {
        Map<String, Object> r = result(timestamp, results);
        if (results.isEmpty() || results.stream().anyMatch(s -> s.type == Type.SUCCESS)) {
            return r;
        }
        if (results.stream().allMatch(s -> s.type == Type.IDENTITY_FAILURE)) {
            throw RpcException.withResponse(RpcError.UNTRUSTED_IDENTITY,
                    "Failed to send message due to untrusted identities", r);
        }
        if (results.stream().allMatch(s -> s.type == Type.RATE_LIMIT_FAILURE)) {
            throw RpcException.withResponse(RpcError.RATE_LIMITED, "Failed to send message due to rate limiting", r);
        }
        throw RpcException.withResponse(RpcError.USER, "Failed to send message", r);
    }
}
