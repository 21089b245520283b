package com.example.signalbox.snapshot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import org.signalbox.api.storage.MessageQueue.QueuedMessage;

/** Everything one account holds at one moment; a transaction works on a copy and commits it whole. */
final class Snapshot {

    /** Written first in the file: a file of another format is refused, not misread. */
    private static final int MAGIC = 0x53425331; // "SBS1"

    final Map<String, TreeMap<String, byte[]>> tables = new TreeMap<>();
    final Map<String, TreeMap<Long, QueuedMessage>> queues = new TreeMap<>();
    long nextSequence = 1;

    /** Arrays are never changed in place, so a copy shares them. */
    Snapshot copy() {
        Snapshot c = new Snapshot();
        tables.forEach((name, rows) -> c.tables.put(name, new TreeMap<>(rows)));
        queues.forEach((name, messages) -> c.queues.put(name, new TreeMap<>(messages)));
        c.nextSequence = nextSequence;
        return c;
    }

    TreeMap<String, byte[]> table(String name) {
        return tables.computeIfAbsent(name, n -> new TreeMap<>());
    }

    TreeMap<Long, QueuedMessage> queue(String name) {
        return queues.computeIfAbsent(name, n -> new TreeMap<>());
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(nextSequence);
        out.writeInt(tables.size());
        for (Map.Entry<String, TreeMap<String, byte[]>> t : tables.entrySet()) {
            out.writeUTF(t.getKey());
            out.writeInt(t.getValue().size());
            for (Map.Entry<String, byte[]> row : t.getValue().entrySet()) {
                out.writeUTF(row.getKey());
                bytes(out, row.getValue());
            }
        }
        out.writeInt(queues.size());
        for (Map.Entry<String, TreeMap<Long, QueuedMessage>> q : queues.entrySet()) {
            out.writeUTF(q.getKey());
            out.writeInt(q.getValue().size());
            for (QueuedMessage m : q.getValue().values()) {
                out.writeLong(m.sequence());
                out.writeLong(m.storedAt());
                bytes(out, m.payload());
            }
        }
    }

    static Snapshot read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a snapshot file");
        }
        Snapshot s = new Snapshot();
        s.nextSequence = in.readLong();
        for (int t = in.readInt(); t > 0; t--) {
            TreeMap<String, byte[]> rows = s.table(in.readUTF());
            for (int r = in.readInt(); r > 0; r--) {
                rows.put(in.readUTF(), bytes(in));
            }
        }
        for (int q = in.readInt(); q > 0; q--) {
            TreeMap<Long, QueuedMessage> messages = s.queue(in.readUTF());
            for (int m = in.readInt(); m > 0; m--) {
                long sequence = in.readLong();
                messages.put(sequence, new QueuedMessage(sequence, in.readLong(), bytes(in)));
            }
        }
        return s;
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
