package org.signalbox.api.storage;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage backend, registered as a service with the property {@code signalbox.storage} naming it
 * ({@code sqlite}, {@code memory}). Which one the daemon uses is configuration ({@code StorageBackend.target} of
 * {@code org.signalbox.messaging}, which the command line's {@code --storage} writes).
 */
@ConsumerType
public interface StorageBackend {

    String PROPERTY = "signalbox.storage";

    String name();

    /**
     * Opens the store of one account, creating it if needed. {@code directory} is the account's private folder
     * under the data directory; a backend that keeps data elsewhere may ignore it.
     *
     * @throws StorageException also when another process holds the account
     */
    AccountStore open(Path directory, String accountId) throws StorageException;

    /** Deletes everything stored for the account. The store must be closed. */
    void delete(Path directory, String accountId) throws StorageException;
}
