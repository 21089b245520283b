package org.signalbox.storage.sqlite.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.signalbox.api.storage.AccountStore;

/**
 * Child process of {@link SqliteKillTest}: commits records and queue entries in a loop and prints the number of
 * each transaction once its commit returned. Stops by itself after {@link #MAX} transactions.
 */
public final class CrashWriter {

    static final int MAX = 100_000;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        AccountStore store = new SqliteStorageBackend().open(Path.of(args[0]), "crash");
        for (int i = 0; i < MAX; i++) {
            int n = i;
            byte[] value = ("value-" + n + "-" + "x".repeat(200)).getBytes(StandardCharsets.UTF_8);
            store.transaction(() -> {
                store.table("records").put(key(n), value);
                store.messages().append(value);
                return null;
            });
            System.out.println(n);
            System.out.flush();
        }
    }

    static String key(int n) {
        return String.format("k%08d", n);
    }
}
