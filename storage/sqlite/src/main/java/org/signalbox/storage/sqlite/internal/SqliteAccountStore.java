package org.signalbox.storage.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One connection per account, used under a lock: a transaction holds the lock from BEGIN to COMMIT, so work on
 * one account is serial and each transaction sees its own writes. WAL with {@code synchronous=FULL}: a commit
 * that returned survives a crash or power loss.
 */
final class SqliteAccountStore implements AccountStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;

    private SqliteAccountStore(Connection connection) {
        this.connection = connection;
    }

    static SqliteAccountStore open(Path file) throws StorageException {
        checkHeader(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        try {
            Connection c = source.getConnection();
            try {
                quickCheck(c, file);
                Migrations.apply(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new SqliteAccountStore(c);
        } catch (SQLException e) {
            throw new StorageException("Cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A file that is not SQLite at all (overwritten, truncated) is said before SQLite is let near it. */
    private static void checkHeader(Path file) throws StorageException {
        try {
            if (!java.nio.file.Files.exists(file) || java.nio.file.Files.size(file) == 0) {
                return; // a new database
            }
            byte[] head = new byte[MAGIC.length];
            int n;
            try (var in = java.nio.file.Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            if (n < MAGIC.length || !java.util.Arrays.equals(head, MAGIC)) {
                throw new StorageException(damaged(file, "it is not an SQLite database"));
            }
        } catch (java.io.IOException e) {
            throw new StorageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** SQLite's quick check (no index cross-checks, so a start-up can afford it) must say "ok". */
    private static void quickCheck(Connection c, Path file) throws SQLException, StorageException {
        try (var rs = c.createStatement().executeQuery("PRAGMA quick_check")) {
            String verdict = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                c.close();
                throw new StorageException(damaged(file, verdict));
            }
        } catch (SQLException e) {
            c.close();
            throw new StorageException(damaged(file, e.getMessage()), e);
        }
    }

    private static String damaged(Path file, String why) {
        return file + " is damaged (" + why + "); restore it from a backup, Signalbox will not write to it";
    }

    @Override
    public RecordTable table(String name) {
        return new RecordTable() {
            @Override
            public Optional<byte[]> get(String key) throws StorageException {
                return transaction(() -> query("SELECT value FROM records WHERE tbl = ? AND key = ?", rs -> {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }, name, key));
            }

            @Override
            public void put(String key, byte[] value) throws StorageException {
                transaction(() -> update("INSERT INTO records (tbl, key, value) VALUES (?, ?, ?)"
                        + " ON CONFLICT (tbl, key) DO UPDATE SET value = excluded.value", name, key, value));
            }

            @Override
            public boolean delete(String key) throws StorageException {
                return transaction(() -> update("DELETE FROM records WHERE tbl = ? AND key = ?", name, key) > 0);
            }

            @Override
            public Map<String, byte[]> all() throws StorageException {
                return transaction(() -> query("SELECT key, value FROM records WHERE tbl = ? ORDER BY key", rs -> {
                    Map<String, byte[]> rows = new LinkedHashMap<>();
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getBytes(2));
                    }
                    return rows;
                }, name));
            }
        };
    }

    @Override
    public MessageQueue queue(String name) {
        return new MessageQueue() {
            @Override
            public long append(byte[] payload) throws StorageException {
                return transaction(() -> query(
                        "INSERT INTO messages (queue, stored_at, payload) VALUES (?, ?, ?) RETURNING seq", rs -> {
                            rs.next();
                            return rs.getLong(1);
                        }, name, System.currentTimeMillis(), payload));
            }

            @Override
            public List<QueuedMessage> pendingAfter(long after, int max) throws StorageException {
                return transaction(() -> query("SELECT seq, stored_at, payload FROM messages"
                        + " WHERE queue = ? AND seq > ? ORDER BY seq LIMIT ?", rs -> {
                            List<QueuedMessage> list = new ArrayList<>();
                            while (rs.next()) {
                                list.add(new QueuedMessage(rs.getLong(1), rs.getLong(2), rs.getBytes(3)));
                            }
                            return list;
                        }, name, after, max));
            }

            @Override
            public boolean acknowledge(long sequence) throws StorageException {
                return transaction(() -> update("DELETE FROM messages WHERE queue = ? AND seq = ?", name,
                        sequence) > 0);
            }
        };
    }

    @Override
    public <T> T transaction(Work<T> work) throws StorageException {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.run();
            }
            try {
                connection.setAutoCommit(false);
                T result = work.run();
                connection.commit();
                return result;
            } catch (StorageException | RuntimeException e) {
                rollback(e);
                throw e;
            } catch (SQLException e) {
                rollback(e);
                throw new StorageException("Storage failure: " + e.getMessage(), e);
            } finally {
                restoreAutoCommit();
            }
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void restoreAutoCommit() throws StorageException {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StorageException("Storage failure: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> rows, Object... args) throws StorageException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new StorageException("Storage failure: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) throws StorageException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("Storage failure: " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    @Override
    public void close() throws StorageException {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("Cannot close the database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
