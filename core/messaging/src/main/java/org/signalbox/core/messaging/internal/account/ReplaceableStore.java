package org.signalbox.core.messaging.internal.account;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;

/**
 * An open account's store as the rest of messaging holds it, which stays the same object when the storage backend
 * service is replaced: the store the old backend opened is closed and the new backend's takes its place. Work
 * that was using the old store when it closed fails with the backend's error; it was not committed.
 */
final class ReplaceableStore implements AccountStore {

    private volatile AccountStore current;

    ReplaceableStore(AccountStore first) {
        this.current = first;
    }

    /** Closes the store in use and continues with {@code next}. */
    void replace(AccountStore next) throws StorageException {
        AccountStore old = current;
        current = next;
        old.close();
    }

    @Override
    public RecordTable table(String name) {
        return current.table(name);
    }

    @Override
    public MessageQueue queue(String name) {
        return current.queue(name);
    }

    @Override
    public <T> T transaction(Work<T> work) throws StorageException {
        return current.transaction(work);
    }

    @Override
    public void close() throws StorageException {
        current.close();
    }
}
