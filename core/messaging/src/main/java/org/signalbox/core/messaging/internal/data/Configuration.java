package org.signalbox.core.messaging.internal.data;

/** {@code updateConfiguration}'s settings; all default to on, as on a new Signal account. */
public record Configuration(boolean readReceipts, boolean unidentifiedDeliveryIndicators, boolean typingIndicators,
        boolean linkPreviews) {

    public static final Configuration DEFAULT = new Configuration(true, true, true, true);
}
