package com.example.signalbox.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;

/**
 * A storage backend that keeps each account as one file, {@code <id>.snapshot} in the account's folder, rewritten
 * whole (and atomically) by every transaction that changes something. Chosen with {@code --storage snapshot}, or
 * as a distribution's default with {@code signalbox-assemble --storage snapshot}.
 *
 * <p>Fit for accounts of modest size: a write costs the whole account. It is a starting point that shows the
 * contract (tables, queues sharing one sequence, nested transactions, durability); swap the file for your database.
 */
@Component(property = StorageBackend.PROPERTY + "=" + SnapshotBackend.NAME)
public final class SnapshotBackend implements StorageBackend {

    static final String NAME = "snapshot";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AccountStore open(Path directory, String accountId) throws StorageException {
        return new SnapshotStore(file(directory, accountId));
    }

    @Override
    public void delete(Path directory, String accountId) throws StorageException {
        try {
            Files.deleteIfExists(file(directory, accountId));
        } catch (IOException e) {
            throw new StorageException("Cannot delete account " + accountId + ": " + e.getMessage(), e);
        }
    }

    private static Path file(Path directory, String accountId) throws StorageException {
        if (!accountId.matches("[A-Za-z0-9._-]+")) {
            throw new StorageException("Not an account id this backend can keep: " + accountId);
        }
        return directory.resolve(accountId + ".snapshot");
    }
}
