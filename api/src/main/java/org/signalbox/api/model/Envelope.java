package org.signalbox.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A received message as signal-cli writes it in {@code receive} notifications. Source fields are written even
 * when null; the content members only when present (usually exactly one is).
 *
 * @param source deprecated by signal-cli but still read by clients: the number if known, else the UUID
 */
@JsonPropertyOrder({"source", "sourceNumber", "sourceUuid", "sourceName", "sourceDevice", "timestamp",
        "serverReceivedTimestamp", "serverDeliveredTimestamp"})
public record Envelope(
        String source,
        String sourceNumber,
        String sourceUuid,
        String sourceName,
        Integer sourceDevice,
        long timestamp,
        long serverReceivedTimestamp,
        long serverDeliveredTimestamp,
        @JsonInclude(Include.NON_NULL) DataMessage dataMessage,
        @JsonInclude(Include.NON_NULL) JsonNode editMessage,
        @JsonInclude(Include.NON_NULL) JsonNode syncMessage,
        @JsonInclude(Include.NON_NULL) JsonNode callMessage,
        @JsonInclude(Include.NON_NULL) ReceiptMessage receiptMessage,
        @JsonInclude(Include.NON_NULL) TypingMessage typingMessage) {
}
