package com.example.signalbox.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;
import org.signalbox.storage.contract.AccountStoreContract;

/** The behaviour every backend owes the accounts (the API's contract), and what a file of its own adds. */
class SnapshotBackendTest extends AccountStoreContract {

    @Override
    protected StorageBackend createBackend() {
        return new SnapshotBackend();
    }

    @Test
    void aDamagedFileIsSaidNotTakenForAnEmptyAccount() throws Exception {
        Files.write(directory.resolve("damaged.snapshot"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> backend.open(directory, "damaged")).isInstanceOf(StorageException.class)
                .hasMessageContaining("damaged.snapshot");
    }

    @Test
    void theFileIsPrivateAndNoTemporaryFileIsLeft() throws Exception {
        AccountStore s = backend.open(directory, "private");
        s.table("t").put("k", new byte[] {1});
        s.close();
        assertThat(Files.getPosixFilePermissions(directory.resolve("private.snapshot")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(directory.resolve("private.snapshot.new")).doesNotExist();
    }
}
