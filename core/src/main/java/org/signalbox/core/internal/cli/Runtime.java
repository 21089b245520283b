package org.signalbox.core.internal.cli;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.signalbox.api.storage.StorageBackend;
import org.signalbox.core.internal.account.AccountManager;
import org.signalbox.core.internal.account.AccountUnavailableException;
import org.signalbox.core.internal.messaging.Messengers;

/**
 * Brings the daemon's accounts up for one invocation: picks the storage backend, configures the data directory,
 * and checks the {@code -a} account, with signal-cli's messages and exit statuses.
 */
final class Runtime {

    /** Where the distribution's conf/config.properties names the default backend. */
    static final String STORAGE_PROPERTY = "signalbox.storage";

    private final AccountManager accounts;
    private final Messengers messengers;
    private final Supplier<Map<String, StorageBackend>> backends;
    private final String defaultStorage;
    private boolean started;

    Runtime(AccountManager accounts, Messengers messengers, Supplier<Map<String, StorageBackend>> backends,
            String defaultStorage) {
        this.accounts = accounts;
        this.messengers = messengers;
        this.backends = backends;
        this.defaultStorage = defaultStorage == null ? "sqlite" : defaultStorage;
    }

    /**
     * @param exclusive lock the accounts this process opens (false for read-only commands)
     * @param checkAccount require the {@code -a} account to be registered (false for registration commands)
     */
    synchronized void start(RootCommand root, boolean exclusive, boolean checkAccount) throws CliException {
        if (started) {
            return;
        }
        String name = root.storage != null ? root.storage : defaultStorage;
        Map<String, StorageBackend> available = backends.get();
        StorageBackend backend = available.get(name);
        if (backend == null) {
            throw new CliException(1, "No storage backend named '" + name + "' is installed (installed: "
                    + String.join(", ", new TreeSet<>(available.keySet())) + ")");
        }
        try {
            accounts.configure(root.configDirectory(), backend, exclusive);
        } catch (IOException e) {
            throw new CliException(3, "Cannot use data directory " + root.configDirectory() + ": " + e.getMessage());
        }
        messengers.configure(root.serverUri(), root.configDirectory());
        started = true;
        if (root.account != null && checkAccount) {
            try {
                if (accounts.find(root.account).isEmpty()) {
                    throw new CliException(1, "User " + root.account + " is not registered.");
                }
            } catch (AccountUnavailableException e) {
                throw new CliException(3, e.getMessage());
            }
        }
    }

    /** A daemon: its registered accounts connect now, so their messages arrive while it runs. */
    void receive() {
        messengers.receiveAll();
    }
}
