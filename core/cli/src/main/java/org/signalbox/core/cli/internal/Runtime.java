package org.signalbox.core.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Hashtable;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.signalbox.api.account.AccountUnavailableException;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.storage.StorageBackend;

/**
 * Brings the accounts up for one invocation: hands the data directory, storage backend and server to the
 * messaging bundle as its configuration, waits until it opened them, and checks the {@code -a} account, with
 * signal-cli's messages and exit statuses.
 */
final class Runtime {

    /** Where the distribution's conf/config.properties names the default backend. */
    static final String STORAGE_PROPERTY = "signalbox.storage";
    /** The messaging bundle's configuration: what this invocation chose for the accounts. */
    static final String MESSAGING_PID = "org.signalbox.messaging";

    private final ConfigurationAdmin configurations;
    private final Supplier<Accounts> accounts;
    private final Supplier<Set<String>> backends;
    private final String defaultStorage;
    private boolean started;

    Runtime(ConfigurationAdmin configurations, Supplier<Accounts> accounts, Supplier<Set<String>> backends,
            String defaultStorage) {
        this.configurations = configurations;
        this.accounts = accounts;
        this.backends = backends;
        this.defaultStorage = defaultStorage == null ? "sqlite" : defaultStorage;
    }

    /**
     * @param exclusive lock the accounts this process opens (false for read-only commands)
     * @param checkAccount require the {@code -a} account to be registered (false for registration commands)
     * @param connect connect every registered account now, so its messages arrive (a daemon)
     */
    synchronized void start(RootCommand root, boolean exclusive, boolean checkAccount, boolean connect)
            throws CliException {
        if (started) {
            return;
        }
        String name = root.storage != null ? root.storage : defaultStorage;
        Set<String> available = backends.get();
        if (!available.contains(name)) {
            throw new CliException(1, "No storage backend named '" + name + "' is installed (installed: "
                    + String.join(", ", new TreeSet<>(available)) + ")");
        }
        Accounts ready = accounts.get();
        if (ready == null) {
            throw new CliException(1, "This distribution has no accounts (the org.signalbox.core.messaging bundle)");
        }
        Hashtable<String, Object> config = new Hashtable<>();
        config.put("dataDirectory", root.configDirectory().toAbsolutePath().toString());
        config.put("StorageBackend.target", "(" + StorageBackend.PROPERTY + "=" + name + ")");
        config.put("exclusive", exclusive);
        // signal-cli's single-account mode: -a opens, locks and connects that account alone
        config.put("account", root.account == null ? "" : root.account);
        URI server = root.serverUri();
        config.put("server", server == null ? "" : server.toString());
        config.put("connectAccounts", false);
        config.putAll(root.receiveOptions.configuration());
        Configuration configuration = write(null, config);
        started = true;
        try {
            ready.awaitReady();
            if (root.account != null && checkAccount && ready.find(root.account).isEmpty()) {
                throw new CliException(1, "User " + root.account + " is not registered.");
            }
            if (root.account == null && connect) {
                ready.list(); // multi-account mode holds every account: one in use by another process ends it here
            }
        } catch (AccountUnavailableException e) {
            throw new CliException(3, e.getMessage());
        }
        if (connect) {
            // only now: an invocation that ended above connected nothing
            config.put("connectAccounts", true);
            write(configuration, config);
        }
    }

    /** Writes the messaging configuration: a new one, or {@code existing} again. */
    private Configuration write(Configuration existing, Hashtable<String, Object> config) throws CliException {
        try {
            Configuration c = existing != null ? existing : configurations.getConfiguration(MESSAGING_PID, "?");
            c.update(config);
            return c;
        } catch (IOException e) {
            throw new CliException(2, "Cannot configure the accounts: " + e.getMessage());
        }
    }
}
