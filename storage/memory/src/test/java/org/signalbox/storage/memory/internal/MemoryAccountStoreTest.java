package org.signalbox.storage.memory.internal;

import org.signalbox.storage.contract.AccountStoreContract;
import org.signalbox.api.storage.StorageBackend;

class MemoryAccountStoreTest extends AccountStoreContract {

    @Override
    protected StorageBackend createBackend() {
        return new MemoryStorageBackend();
    }
}
