package org.signalbox.storage.memory.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;

/**
 * One account's data behind a lock. A transaction holds the lock and works on the live maps; its first write
 * takes a copy, which a failure restores.
 */
final class MemoryAccountStore implements AccountStore {

    /** Everything of one account; outlives the stores opened on it. */
    static final class Data {
        final ReentrantLock lock = new ReentrantLock();
        Map<String, TreeMap<String, byte[]>> tables = new TreeMap<>();
        Map<String, TreeMap<Long, MessageQueue.QueuedMessage>> queues = new TreeMap<>();
        long nextSequence = 1;
        /** The state before the running transaction's first write; null when it has not written. */
        Data undo;

        Data copy() {
            Data c = new Data();
            tables.forEach((name, rows) -> c.tables.put(name, new TreeMap<>(rows)));
            queues.forEach((name, entries) -> c.queues.put(name, new TreeMap<>(entries)));
            c.nextSequence = nextSequence;
            return c;
        }

        void restore(Data snapshot) {
            tables = snapshot.tables;
            queues = snapshot.queues;
            nextSequence = snapshot.nextSequence;
        }
    }

    private final Data data;

    MemoryAccountStore(Data data) {
        this.data = data;
    }

    @Override
    public RecordTable table(String name) {
        return new RecordTable() {
            @Override
            public Optional<byte[]> get(String key) throws StorageException {
                return transaction(() -> Optional.ofNullable(rows(name).get(key)).map(byte[]::clone));
            }

            @Override
            public void put(String key, byte[] value) throws StorageException {
                transaction(() -> writable().rows(name).put(key, value.clone()));
            }

            @Override
            public boolean delete(String key) throws StorageException {
                return transaction(() -> writable().rows(name).remove(key) != null);
            }

            @Override
            public Map<String, byte[]> all() throws StorageException {
                return transaction(() -> new TreeMap<>(rows(name)));
            }
        };
    }

    private TreeMap<String, byte[]> rows(String table) {
        return data.tables.computeIfAbsent(table, t -> new TreeMap<>());
    }

    /** Called under the lock before a change. */
    private MemoryAccountStore writable() {
        if (data.undo == null) {
            data.undo = data.copy();
        }
        return this;
    }

    private TreeMap<Long, MessageQueue.QueuedMessage> entries(String queue) {
        return data.queues.computeIfAbsent(queue, q -> new TreeMap<>());
    }

    @Override
    public MessageQueue queue(String name) {
        return new MessageQueue() {
            @Override
            public long append(byte[] payload) throws StorageException {
                return transaction(() -> {
                    writable();
                    long sequence = data.nextSequence++;
                    entries(name).put(sequence,
                            new QueuedMessage(sequence, System.currentTimeMillis(), payload.clone()));
                    return sequence;
                });
            }

            @Override
            public List<QueuedMessage> pendingAfter(long after, int max) throws StorageException {
                return transaction(() -> entries(name).tailMap(after, false).values().stream().limit(max)
                        .map(m -> new QueuedMessage(m.sequence(), m.storedAt(), m.payload().clone())).toList());
            }

            @Override
            public boolean acknowledge(long sequence) throws StorageException {
                return transaction(() -> writable().entries(name).remove(sequence) != null);
            }
        };
    }

    @Override
    public <T> T transaction(Work<T> work) throws StorageException {
        data.lock.lock();
        try {
            if (data.lock.getHoldCount() > 1) {
                return work.run();
            }
            try {
                return work.run();
            } catch (StorageException | RuntimeException e) {
                if (data.undo != null) {
                    data.restore(data.undo);
                }
                throw e;
            } finally {
                data.undo = null;
            }
        } finally {
            data.lock.unlock();
        }
    }

    @Override
    public void close() {
        // Nothing to release: the data stays with the backend until the account is deleted.
    }
}
