package org.signalbox.storage.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.signalbox.storage.contract.AccountStoreContract;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;

class SqliteAccountStoreTest extends AccountStoreContract {

    @Override
    protected StorageBackend createBackend() {
        return new SqliteStorageBackend();
    }

    @Test
    void databaseIsInWalModeAtTheLatestSchema() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve(SqliteStorageBackend.FILE);
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
            }
        }
    }

    @Test
    void refusesDatabaseFromNewerSchema() throws Exception {
        store.close();
        String url = "jdbc:sqlite:" + directory.resolve(SqliteStorageBackend.FILE);
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        assertThatThrownBy(() -> backend.open(directory, "acc")).isInstanceOf(StorageException.class)
                .hasMessageContaining("newer");
        store = backend.open(directory.resolve("other"), "acc2");
    }
}
