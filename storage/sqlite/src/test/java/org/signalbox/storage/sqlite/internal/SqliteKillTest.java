package org.signalbox.storage.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.api.storage.AccountStore;

/** SIGKILL in the middle of a stream of commits: the database is intact and every acknowledged commit is there. */
class SqliteKillTest {

    @TempDir
    Path directory;

    @Test
    void killDuringWritesLosesNothingAcknowledged() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int acknowledged = -1;
        long deadline = System.currentTimeMillis() + 60_000;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            while (acknowledged < 500 && System.currentTimeMillis() < deadline) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                acknowledged = Integer.parseInt(line.strip());
            }
            // SIGKILL (through the handle, so our end of its stdout stays open to read what it still printed)
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // lines written just before the kill were acknowledged too
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                acknowledged = Integer.parseInt(line.strip());
            }
        }
        assertThat(acknowledged).as("commits acknowledged before the kill").isGreaterThanOrEqualTo(500);

        String url = "jdbc:sqlite:" + directory.resolve(SqliteStorageBackend.FILE);
        try (var c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (AccountStore store = new SqliteStorageBackend().open(directory, "crash")) {
            var records = store.table("records").all();
            for (int n = 0; n <= acknowledged; n++) {
                assertThat(records).containsKey(CrashWriter.key(n));
            }
            assertThat(store.messages().pending(Integer.MAX_VALUE)).hasSizeGreaterThan(acknowledged);
        }
    }
}
