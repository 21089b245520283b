package org.signalbox.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code envelope.receiptMessage}: exactly one flag is true. */
public record ReceiptMessage(
        long when,
        @JsonProperty("isDelivery") boolean isDelivery,
        @JsonProperty("isRead") boolean isRead,
        @JsonProperty("isViewed") boolean isViewed,
        List<Long> timestamps) {
}
