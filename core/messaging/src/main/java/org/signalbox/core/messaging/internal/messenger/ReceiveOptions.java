package org.signalbox.core.messaging.internal.messenger;

/**
 * What {@code jsonRpc}, {@code daemon} and {@code receive} were told about received messages, as signal-cli's
 * options of the same names.
 *
 * @param sendReadReceipts {@code --send-read-receipts}: a READ receipt for every data message, beside the DELIVERY one
 * @param ignoreAttachments {@code --ignore-attachments}: envelopes still describe attachments, their files are not kept
 */
public record ReceiveOptions(boolean sendReadReceipts, boolean ignoreAttachments) {

    /** signal-cli's defaults. */
    public static final ReceiveOptions DEFAULTS = new ReceiveOptions(false, false);
}
