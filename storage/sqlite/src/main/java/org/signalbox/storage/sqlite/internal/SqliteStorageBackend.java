package org.signalbox.storage.sqlite.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.PrivateFiles;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;

/** One SQLite database per account, {@code account.db} in the account's folder, in WAL mode. */
@Component(property = StorageBackend.PROPERTY + "=sqlite")
public class SqliteStorageBackend implements StorageBackend {

    static final String FILE = "account.db";
    private static final String[] SIDE_FILES = {"-wal", "-shm"};

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public AccountStore open(Path directory, String accountId) throws StorageException {
        Path database = directory.resolve(FILE);
        try {
            PrivateFiles.folder(directory);
            // SQLite gives its -wal and -shm files the database file's mode, so the database is made first, 0600
            PrivateFiles.file(database);
            for (String suffix : SIDE_FILES) {
                PrivateFiles.restrictIfExists(directory.resolve(FILE + suffix));
            }
        } catch (IOException e) {
            throw new StorageException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
        return SqliteAccountStore.open(database);
    }

    @Override
    public void delete(Path directory, String accountId) throws StorageException {
        try {
            Files.deleteIfExists(directory.resolve(FILE));
            for (String suffix : SIDE_FILES) {
                Files.deleteIfExists(directory.resolve(FILE + suffix));
            }
        } catch (IOException e) {
            throw new StorageException("Cannot delete the database in " + directory + ": " + e.getMessage(), e);
        }
    }
}
