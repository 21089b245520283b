package org.signalbox.core.cli.internal;

import java.util.Map;
import java.util.Set;

import picocli.CommandLine.Option;

/**
 * signal-cli's options for what a receiving process does with incoming messages, which its {@code jsonRpc},
 * {@code daemon} and {@code receive} take alike (and wrappers such as signal-cli-rest-api pass together). They
 * reach the messaging bundle with the rest of this invocation's configuration.
 */
final class ReceiveOptions {

    /** The signal-cli commands that take these options. */
    static final Set<String> COMMANDS = Set.of("jsonRpc", "daemon", "receive");

    @Option(names = "--ignore-attachments", description = "Don't store the attachments of received messages.")
    boolean ignoreAttachments;

    @Option(names = "--ignore-stories", description = "Don't receive story messages.")
    boolean ignoreStories;

    @Option(names = "--ignore-avatars", description = "Don't download avatars of received messages.")
    boolean ignoreAvatars;

    @Option(names = "--ignore-stickers", description = "Don't download sticker packs of received messages.")
    boolean ignoreStickers;

    @Option(names = "--send-read-receipts",
            description = "Send read receipts for all incoming data messages (besides the delivery receipts).")
    boolean sendReadReceipts;

    /** The messaging configuration's keys for these options (MessagingConfig). */
    Map<String, Object> configuration() {
        return Map.of("ignoreAttachments", ignoreAttachments, "ignoreStories", ignoreStories,
                "ignoreAvatars", ignoreAvatars, "ignoreStickers", ignoreStickers,
                "sendReadReceipts", sendReadReceipts);
    }
}
