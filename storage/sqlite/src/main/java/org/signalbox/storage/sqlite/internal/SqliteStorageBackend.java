package org.signalbox.storage.sqlite.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;

/** One SQLite database per account, {@code account.db} in the account's folder, in WAL mode. */
@Component(property = StorageBackend.PROPERTY + "=sqlite")
public class SqliteStorageBackend implements StorageBackend {

    static final String FILE = "account.db";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public AccountStore open(Path directory, String accountId) throws StorageException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
        return SqliteAccountStore.open(directory.resolve(FILE));
    }

    @Override
    public void delete(Path directory, String accountId) throws StorageException {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(directory.resolve(FILE + suffix));
            }
        } catch (IOException e) {
            throw new StorageException("Cannot delete the database in " + directory + ": " + e.getMessage(), e);
        }
    }
}
