package com.example.signalbox.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.PrivateFiles;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;

/**
 * One open account. The committed snapshot is in memory and in the file; a top-level transaction changes a copy
 * (taken at its first change) and, when it changed anything, writes the copy to a temporary file, forces it to disk and renames it over the
 * old one before the copy becomes the committed snapshot. A crash leaves the old file or the new one, never half
 * of one; a failed transaction leaves nothing. Nested transactions join the outer one.
 */
final class SnapshotStore implements AccountStore {

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private Snapshot committed;
    /** The running transaction's copy; null outside one. */
    private Snapshot working;
    private boolean changed;
    private boolean closed;

    SnapshotStore(Path file) throws StorageException {
        this.file = file;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            committed = Snapshot.read(in);
        } catch (NoSuchFileException e) {
            committed = new Snapshot();
        } catch (IOException e) {
            throw new StorageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T transaction(Work<T> work) throws StorageException {
        lock.lock();
        try {
            if (closed) {
                throw new StorageException("The store of " + file.getFileName() + " is closed");
            }
            if (working != null) {
                return work.run();
            }
            working = committed;
            changed = false;
            try {
                T result = work.run();
                if (changed) {
                    persist(working);
                }
                committed = working;
                return result;
            } finally {
                working = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void persist(Snapshot s) throws StorageException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            PrivateFiles.folder(file.getParent());
            try (FileChannel channel = FileChannel.open(PrivateFiles.file(temporary), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream raw = Channels.newOutputStream(channel);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                s.write(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Within a transaction: the copy it changes, taken at its first change (reads need none). */
    private Snapshot changing() {
        if (!changed) {
            working = working.copy();
            changed = true;
        }
        return working;
    }

    @Override
    public RecordTable table(String name) {
        return new RecordTable() {
            @Override
            public Optional<byte[]> get(String key) throws StorageException {
                return transaction(() -> Optional.ofNullable(working.table(name).get(key)).map(byte[]::clone));
            }

            @Override
            public void put(String key, byte[] value) throws StorageException {
                byte[] copy = value.clone();
                transaction(() -> changing().table(name).put(key, copy));
            }

            @Override
            public boolean delete(String key) throws StorageException {
                return transaction(() -> working.table(name).containsKey(key)
                        && changing().table(name).remove(key) != null);
            }

            @Override
            public Map<String, byte[]> all() throws StorageException {
                return transaction(() -> {
                    Map<String, byte[]> out = new TreeMap<>();
                    working.table(name).forEach((k, v) -> out.put(k, v.clone()));
                    return out;
                });
            }
        };
    }

    @Override
    public MessageQueue queue(String name) {
        return new MessageQueue() {
            @Override
            public long append(byte[] payload) throws StorageException {
                byte[] copy = payload.clone();
                return transaction(() -> {
                    Snapshot s = changing();
                    long sequence = s.nextSequence++;
                    s.queue(name).put(sequence, new QueuedMessage(sequence, System.currentTimeMillis(), copy));
                    return sequence;
                });
            }

            @Override
            public List<QueuedMessage> pendingAfter(long after, int max) throws StorageException {
                return transaction(() -> working.queue(name).tailMap(after, false).values().stream().limit(max)
                        .map(m -> new QueuedMessage(m.sequence(), m.storedAt(), m.payload().clone())).toList());
            }

            @Override
            public boolean acknowledge(long sequence) throws StorageException {
                return transaction(() -> working.queue(name).containsKey(sequence)
                        && changing().queue(name).remove(sequence) != null);
            }
        };
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
