package org.signalbox.core.messaging.internal.account;

import java.util.UUID;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.AccountUnavailableException;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.crypto.ProtocolStore;

/** An account whose store this process has open. */
public final class AccountImpl implements Account {

    private volatile AccountsFile.Entry entry;
    private final ReplaceableStore store;
    private volatile AccountState state;

    AccountImpl(AccountsFile.Entry entry, AccountStore store, AccountState state) {
        this.entry = entry;
        this.store = new ReplaceableStore(store);
        this.state = state;
    }

    AccountsFile.Entry entry() {
        return entry;
    }

    void entry(AccountsFile.Entry value) {
        this.entry = value;
    }

    /** The registration state, as last stored. */
    public AccountState state() {
        return state;
    }

    void state(AccountState value) {
        this.state = value;
    }

    @Override
    public String number() {
        return entry.number();
    }

    @Override
    public UUID uuid() {
        return UUID.fromString(entry.uuid());
    }

    @Override
    public int deviceId() {
        return state.deviceId();
    }

    @Override
    public byte[] identityKey() {
        try {
            return ProtocolStore.identityOf(store, AccountManager.IDENTITY).getPublicKey().getPublicKey()
                    .getPublicKeyBytes();
        } catch (StorageException e) {
            throw new AccountUnavailableException(number(), "Cannot read the identity key of " + number() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean registered() {
        return state.registered();
    }

    @Override
    public AccountStore store() {
        return store;
    }

    /** Continues with the store {@code next} opened for this account after the backend service was replaced. */
    void reopened(AccountStore next) throws org.signalbox.api.storage.StorageException {
        store.replace(next);
    }
}
