package org.signalbox.storage.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps; {@code PRAGMA user_version} records how many ran. Append new steps, never edit
 * one that shipped.
 */
final class Migrations {

    private static final List<List<String>> STEPS = List.of(
            List.of(
                "CREATE TABLE records (tbl TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,"
                        + " PRIMARY KEY (tbl, key)) WITHOUT ROWID",
                "CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, stored_at INTEGER NOT NULL,"
                        + " payload BLOB NOT NULL)"),
            // named queues (the messaging server keeps one per device)
            List.of(
                "ALTER TABLE messages ADD COLUMN queue TEXT NOT NULL DEFAULT ''",
                "CREATE INDEX messages_by_queue ON messages (queue, seq)"));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    /** Brings the schema up to date in one transaction; refuses a database from a newer Signalbox. */
    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version;
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            if (version > latest()) {
                throw new SQLException("database schema " + version + " is newer than this Signalbox knows ("
                        + latest() + ")");
            }
            if (version == latest()) {
                return;
            }
            c.setAutoCommit(false);
            try {
                for (int step = version; step < latest(); step++) {
                    for (String sql : STEPS.get(step)) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + latest());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
