package org.signalbox.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code envelope.dataMessage}: the first five members are always written, the rest only when set (lists only
 * when non-empty). Sub-objects not modelled as records yet are carried as JSON trees.
 */
public record DataMessage(
        long timestamp,
        String message,
        int expiresInSeconds,
        @JsonProperty("isExpirationUpdate") boolean isExpirationUpdate,
        boolean viewOnce,
        @JsonInclude(Include.NON_NULL) JsonNode reaction,
        @JsonInclude(Include.NON_NULL) JsonNode quote,
        @JsonInclude(Include.NON_EMPTY) List<JsonNode> mentions,
        @JsonInclude(Include.NON_EMPTY) List<JsonNode> attachments,
        @JsonInclude(Include.NON_NULL) JsonNode remoteDelete,
        @JsonInclude(Include.NON_EMPTY) List<JsonNode> textStyles,
        @JsonInclude(Include.NON_NULL) JsonNode groupInfo) {

    /** A plain text message. */
    public static DataMessage text(long timestamp, String message) {
        return new DataMessage(timestamp, message, 0, false, false, null, null, null, null, null, null, null);
    }
}
