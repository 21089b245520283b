package org.signalbox.storage.memory.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageBackend;

/** Keeps accounts in memory for the life of the process: for tests and throw-away daemons. */
@Component(property = StorageBackend.PROPERTY + "=memory")
public class MemoryStorageBackend implements StorageBackend {

    private final Map<String, MemoryAccountStore.Data> accounts = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public AccountStore open(Path directory, String accountId) {
        return new MemoryAccountStore(accounts.computeIfAbsent(accountId, id -> new MemoryAccountStore.Data()));
    }

    @Override
    public void delete(Path directory, String accountId) {
        accounts.remove(accountId);
    }
}
