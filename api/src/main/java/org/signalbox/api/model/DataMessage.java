package org.signalbox.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code envelope.dataMessage}: the first five members are always written, the rest only when set (lists only
 * when non-empty), in signal-cli's order. Sub-objects not modelled as records yet are carried as JSON trees.
 */
@JsonPropertyOrder({"timestamp", "message", "expiresInSeconds", "isExpirationUpdate", "viewOnce", "reaction", "quote",
        "mentions", "attachments", "remoteDelete", "pollCreate", "pollVote", "pollTerminate", "textStyles",
        "groupInfo"})
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
        @JsonInclude(Include.NON_NULL) JsonNode groupInfo,
        @JsonInclude(Include.NON_NULL) JsonNode pollCreate,
        @JsonInclude(Include.NON_NULL) JsonNode pollVote,
        @JsonInclude(Include.NON_NULL) JsonNode pollTerminate) {

    /** A data message without polls, as API 1.0 made them. */
    public DataMessage(long timestamp, String message, int expiresInSeconds, boolean isExpirationUpdate,
            boolean viewOnce, JsonNode reaction, JsonNode quote, List<JsonNode> mentions, List<JsonNode> attachments,
            JsonNode remoteDelete, List<JsonNode> textStyles, JsonNode groupInfo) {
        this(timestamp, message, expiresInSeconds, isExpirationUpdate, viewOnce, reaction, quote, mentions,
                attachments, remoteDelete, textStyles, groupInfo, null, null, null);
    }

    /** A plain text message. */
    public static DataMessage text(long timestamp, String message) {
        return new DataMessage(timestamp, message, 0, false, false, null, null, null, null, null, null, null);
    }
}
