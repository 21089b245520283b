package org.signalbox.api.account;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The accounts under this daemon's data directory. */
@ProviderType
public interface Accounts {

    /** Registered accounts, in the order of {@code accounts.json}. */
    List<Account> list();

    /** A registered account by E.164 number or ACI. */
    Optional<Account> find(String numberOrUuid);

    /**
     * Waits until the data directory is open (the command line configures it as the process starts); accounts
     * that are ready at once need not override it.
     *
     * @throws AccountUnavailableException saying why the accounts cannot be used, e.g. an unusable data directory
     */
    default void awaitReady() {
    }
}
