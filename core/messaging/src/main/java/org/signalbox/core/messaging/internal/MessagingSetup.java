package org.signalbox.core.messaging.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.messenger.ReceiveOptions;

/**
 * Applies the command line's choices ({@link MessagingConfig}) to the accounts and the network client. A data
 * directory that cannot be used is not a failed activation: the accounts say why to every caller, so the command
 * line can exit with that reason. Only {@code connectAccounts} may change afterwards: the command line sets it once
 * it has checked the {@code -a} account, so nothing connects for an invocation that ends with an error. A replaced
 * storage backend service reactivates this component, which hands the accounts the new backend.
 */
@Component(configurationPid = MessagingSetup.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MessagingConfig.class)
public final class MessagingSetup {

    public static final String PID = "org.signalbox.messaging";

    private final Messengers messengers;
    private boolean connected;

    @Activate
    public MessagingSetup(MessagingConfig config, @Reference(name = "StorageBackend") StorageBackend storage,
            @Reference AccountManager accounts, @Reference Messengers messengers) {
        this.messengers = messengers;
        Path root = Path.of(config.dataDirectory());
        try {
            accounts.configure(root, storage, config.exclusive(),
                    config.account().isBlank() ? Optional.empty() : Optional.of(config.account().strip()));
        } catch (IOException e) {
            accounts.unusable("Cannot use data directory " + root + ": " + e.getMessage());
            return;
        }
        messengers.configure(config.server().isBlank() ? null : URI.create(config.server().strip()), root,
                new ReceiveOptions(config.sendReadReceipts(), config.ignoreAttachments()));
        modified(config);
    }

    @Modified
    synchronized void modified(MessagingConfig config) {
        if (config.connectAccounts() && !connected) {
            connected = true;
            messengers.receiveAll();
        }
    }
}
