package org.signalbox.core.messaging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What one invocation of {@code signalbox} chose for the accounts: written by the command line (pid
 * {@value MessagingSetup#PID}), once per process.
 */
@ObjectClassDefinition(name = "Signalbox messaging", description = "The data directory, storage and server of this process")
public @interface MessagingConfig {

    @AttributeDefinition(description = "The --config directory; accounts live in its data/ folder")
    String dataDirectory();

    @AttributeDefinition(name = "StorageBackend.target", description = "Filter selecting the storage backend")
    String StorageBackend_target() default "(signalbox.storage=sqlite)";

    @AttributeDefinition(description = "Lock the accounts this process opens (false for read-only commands)")
    boolean exclusive() default true;

    @AttributeDefinition(description = "The -a account: this process opens, locks and connects it alone, as "
            + "signal-cli's single-account mode; empty for every account of the data directory")
    String account() default "";

    @AttributeDefinition(description = "The messaging server's URI; empty for the embedded server")
    String server() default "";

    @AttributeDefinition(description = "Connect every registered account now, so its messages arrive (a daemon)")
    boolean connectAccounts() default false;

    @AttributeDefinition(description = "--ignore-attachments: don't store the attachments of received messages")
    boolean ignoreAttachments() default false;

    @AttributeDefinition(description = "--ignore-stories: accepted as signal-cli's; Signalbox has no stories")
    boolean ignoreStories() default false;

    @AttributeDefinition(description = "--ignore-avatars: accepted as signal-cli's; the server holds no avatars to download")
    boolean ignoreAvatars() default false;

    @AttributeDefinition(description = "--ignore-stickers: accepted as signal-cli's; there are no sticker packs to download")
    boolean ignoreStickers() default false;

    @AttributeDefinition(description = "--send-read-receipts: a READ receipt for every received data message")
    boolean sendReadReceipts() default false;
}
