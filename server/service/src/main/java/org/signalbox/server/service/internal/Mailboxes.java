package org.signalbox.server.service.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;

/**
 * The per-device queues of sealed messages. Appends and removals are committed in groups by one writer thread:
 * every message in a group is durable when its callback runs, and one commit (one fsync) serves all the senders
 * waiting at that moment. Subscribers (authenticated connections) are woken after each commit that touched their queue.
 */
final class Mailboxes implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("Server");
    private static final int MAX_GROUP = 512;

    /** A change to the queues, done in the next group commit. */
    sealed interface Change permits Append, Remove {
        String queue();

        /** Called after the commit with null, or with the failure (the change was not made). */
        void done(StorageException failure);
    }

    /** A message to queue; {@code done} acknowledges it to its sender. */
    record Append(String queue, byte[] payload, Consumer<StorageException> callback) implements Change {
        @Override
        public void done(StorageException failure) {
            callback.accept(failure);
        }
    }

    /**
     * A delivered message the recipient acknowledged. Losing it in a crash only means delivering it again.
     * {@code removed} runs after the commit only if this very change took the entry out (a message delivered to
     * two connections of a device may be acknowledged twice).
     */
    record Remove(String queue, long sequence, Runnable removed) implements Change {
        @Override
        public void done(StorageException failure) {
            // nothing waits for it
        }
    }

    /** An authenticated connection waiting for its queue. */
    interface Subscriber {
        void wake();
    }

    private final AccountStore store;
    private final BlockingQueue<Change> changes = new ArrayBlockingQueue<>(16 * MAX_GROUP);
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    Mailboxes(AccountStore store) {
        this.store = store;
        this.writer = Thread.ofPlatform().name("signalbox-server-writer").daemon().start(this::writeLoop);
    }

    MessageQueue queue(String name) {
        return store.queue(name);
    }

    /** Submits a change; blocks while the writer is that far behind (back-pressure on senders). */
    void submit(Change c) throws InterruptedException {
        if (closed) {
            c.done(new StorageException("server is stopping"));
            return;
        }
        changes.put(c);
    }

    void subscribe(String queue, Subscriber s) {
        subscribers.computeIfAbsent(queue, q -> new CopyOnWriteArraySet<>()).add(s);
    }

    void unsubscribe(String queue, Subscriber s) {
        subscribers.computeIfPresent(queue, (q, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    private void writeLoop() {
        List<Change> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            Change first;
            try {
                first = changes.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            group.add(first);
            changes.drainTo(group, MAX_GROUP - 1);
            commit(group);
            group.clear();
        }
        List<Change> rest = new ArrayList<>();
        changes.drainTo(rest);
        rest.forEach(c -> c.done(new StorageException("server is stopping")));
    }

    private void commit(List<Change> group) {
        StorageException failure = null;
        List<Runnable> removed = new ArrayList<>();
        try {
            store.transaction(() -> {
                for (Change c : group) {
                    switch (c) {
                        case Append a -> store.queue(a.queue()).append(a.payload());
                        case Remove r -> {
                            if (store.queue(r.queue()).acknowledge(r.sequence())) {
                                removed.add(r.removed());
                            }
                        }
                    }
                }
                return null;
            });
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.ERROR, "Could not commit " + group.size() + " queue changes: " + e.getMessage());
            failure = e;
        }
        for (Change c : group) {
            try {
                c.done(failure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Acknowledging a queued message failed", e);
            }
        }
        if (failure == null) {
            removed.forEach(Runnable::run);
            group.stream().filter(Append.class::isInstance).map(Change::queue).distinct().forEach(q -> subscribers.getOrDefault(q, Set.of())
                    .forEach(Subscriber::wake));
        }
    }

    /** Commits what was queued before this call, then stops the writer. A message never acked is not lost: its
     * sender sends it again. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join();
    }
}
