package org.signalbox.transport.socket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A received message in seed 000's shape: {@code {"error"?, "envelope": {source, sourceDevice, relay, timestamp,
 * isReceipt, dataMessage, syncMessage, callMessage, receiptMessage}}}, every field present and in that order, as
 * the original serializer wrote it. Made from the signal-cli envelope the engine delivers.
 */
final class LegacyEnvelope {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private LegacyEnvelope() {
    }

    /** @param payload the automatic {@code receive} params: {@code {envelope, account, exception?}} */
    static ObjectNode of(JsonNode payload) {
        ObjectNode out = MAPPER.createObjectNode();
        JsonNode exception = payload.path("exception");
        if (!exception.isMissingNode()) {
            out.putObject("error").put("message", exception.path("message").asText());
        }
        JsonNode in = payload.path("envelope");
        ObjectNode e = out.putObject("envelope");
        // a sender without a visible number is named by its UUID, which sendMessage accepts back in contacts
        e.put("source", in.path("sourceNumber").isTextual() ? in.path("sourceNumber").asText()
                : in.path("sourceUuid").asText(null));
        e.put("sourceDevice", in.path("sourceDevice").asInt(1));
        e.putNull("relay");
        e.put("timestamp", in.path("timestamp").asLong());
        e.put("isReceipt", false);
        e.set("dataMessage", in.has("dataMessage") ? data(in.get("dataMessage")) : MAPPER.nullNode());
        e.putNull("syncMessage"); // one device per account: nothing to sync
        e.set("callMessage", in.has("callMessage") ? in.get("callMessage") : MAPPER.nullNode());
        e.set("receiptMessage", in.has("receiptMessage") ? receipt(in.get("receiptMessage")) : MAPPER.nullNode());
        return out;
    }

    private static ObjectNode data(JsonNode d) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("timestamp", d.path("timestamp").asLong());
        // no text: the key is left out rather than null, which both known bots would crash on (they trim it)
        if (d.path("message").isTextual()) {
            out.put("message", d.get("message").asText());
        }
        out.put("expiresInSeconds", d.path("expiresInSeconds").asInt());
        ArrayNode files = out.putArray("attachments");
        for (JsonNode a : d.path("attachments")) {
            files.addObject().put("contentType", a.path("contentType").asText(null))
                    .put("filename", a.path("filename").asText(null)).put("id", a.path("id").asText(null))
                    .put("size", a.path("size").asLong());
        }
        JsonNode group = d.path("groupInfo");
        if (group.isObject()) {
            ObjectNode g = out.putObject("groupInfo");
            g.put("groupId", group.path("groupId").asText());
            g.putNull("members");
            g.set("name", group.has("groupName") ? group.get("groupName") : MAPPER.nullNode());
            g.put("type", group.path("type").asText("DELIVER"));
        } else {
            out.putNull("groupInfo");
        }
        return out;
    }

    private static ObjectNode receipt(JsonNode r) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("when", r.path("when").asLong());
        out.put("isDelivery", r.path("isDelivery").asBoolean());
        out.put("isRead", r.path("isRead").asBoolean());
        out.set("timestamps", r.has("timestamps") ? r.get("timestamps") : MAPPER.createArrayNode());
        return out;
    }
}
