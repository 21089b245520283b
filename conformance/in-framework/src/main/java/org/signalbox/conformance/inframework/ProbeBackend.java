package org.signalbox.conformance.inframework;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;

/**
 * A storage backend service that keeps its data in another backend and counts what is asked of it: how many
 * stores it opened, how many of them were closed, and whether anything used it after it was retired.
 */
final class ProbeBackend implements StorageBackend {

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger usedWhileRetired = new AtomicInteger();
    private final StorageBackend data;
    private volatile boolean retired;

    ProbeBackend(StorageBackend data) {
        this.data = data;
    }

    /** From now on, any use of this backend or the stores it opened is counted as a use it should not get. */
    void retire() {
        retired = true;
    }

    private void used() {
        if (retired) {
            usedWhileRetired.incrementAndGet();
        }
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public AccountStore open(Path directory, String accountId) throws StorageException {
        used();
        opened.incrementAndGet();
        AccountStore store = data.open(directory, accountId);
        return new AccountStore() {
            @Override
            public RecordTable table(String name) {
                used();
                return store.table(name);
            }

            @Override
            public MessageQueue queue(String name) {
                used();
                return store.queue(name);
            }

            @Override
            public <T> T transaction(Work<T> work) throws StorageException {
                used();
                return store.transaction(work);
            }

            @Override
            public void close() throws StorageException {
                closed.incrementAndGet();
                store.close();
            }
        };
    }

    @Override
    public void delete(Path directory, String accountId) throws StorageException {
        used();
        data.delete(directory, accountId);
    }
}
