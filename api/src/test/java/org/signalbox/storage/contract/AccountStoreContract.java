package org.signalbox.storage.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link StorageBackend} must do; each backend's test extends this. */
public abstract class AccountStoreContract {

    @TempDir
    protected Path directory;

    protected StorageBackend backend;
    protected AccountStore store;

    /** A backend; stores it opens keep their data across close and reopen on the same backend. */
    protected abstract StorageBackend createBackend();

    @BeforeEach
    void open() throws Exception {
        backend = createBackend();
        store = backend.open(directory, "acc");
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void putGetDeleteAndOrderedListing() throws Exception {
        RecordTable t = store.table(Tables.CONTACTS);
        t.put("b", bytes("2"));
        t.put("a", bytes("1"));
        t.put("a", bytes("1'"));
        assertThat(t.get("a")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("1'"));
        assertThat(t.all().keySet()).containsExactly("a", "b");
        assertThat(t.delete("a")).isTrue();
        assertThat(t.delete("a")).isFalse();
        assertThat(t.get("a")).isEmpty();
        assertThat(store.table(Tables.GROUPS).all()).isEmpty();
    }

    @Test
    void failedTransactionLeavesNoTrace() throws Exception {
        RecordTable t = store.table(Tables.SESSIONS);
        t.put("kept", bytes("x"));
        assertThatThrownBy(() -> store.transaction(() -> {
            t.put("lost", bytes("y"));
            t.delete("kept");
            store.messages().append(bytes("m"));
            throw new StorageException("boom");
        })).hasMessage("boom");
        assertThat(t.all().keySet()).containsExactly("kept");
        assertThat(store.messages().pending(10)).isEmpty();
    }

    @Test
    void nestedTransactionJoinsOuter() throws Exception {
        RecordTable t = store.table(Tables.SESSIONS);
        assertThatThrownBy(() -> store.transaction(() -> {
            store.transaction(() -> {
                t.put("inner", bytes("1"));
                return null;
            });
            throw new StorageException("outer fails");
        }));
        assertThat(t.get("inner")).isEmpty();
    }

    @Test
    void queueKeepsOrderUntilAcknowledged() throws Exception {
        MessageQueue q = store.messages();
        long first = q.append(bytes("one"));
        long second = q.append(bytes("two"));
        assertThat(second).isGreaterThan(first);
        List<MessageQueue.QueuedMessage> pending = q.pending(10);
        assertThat(pending).extracting(m -> text(m.payload())).containsExactly("one", "two");
        assertThat(q.pending(1)).hasSize(1);
        assertThat(q.acknowledge(first)).isTrue();
        assertThat(q.acknowledge(first)).isFalse();
        assertThat(q.pending(10)).extracting(MessageQueue.QueuedMessage::sequence).containsExactly(second);
    }

    @Test
    void namedQueuesAreIndependent() throws Exception {
        MessageQueue a = store.queue("device-a");
        MessageQueue b = store.queue("device-b");
        long a1 = a.append(bytes("a1"));
        long b1 = b.append(bytes("b1"));
        long a2 = a.append(bytes("a2"));
        assertThat(a.pending(10)).extracting(m -> text(m.payload())).containsExactly("a1", "a2");
        assertThat(b.pending(10)).extracting(m -> text(m.payload())).containsExactly("b1");
        assertThat(store.messages().pending(10)).isEmpty();
        assertThat(b.acknowledge(a1)).as("another queue's entry").isFalse();
        assertThat(a.pendingAfter(a1, 10)).extracting(MessageQueue.QueuedMessage::sequence).containsExactly(a2);
        assertThat(a.acknowledge(a1)).isTrue();
        assertThat(b.pending(10)).extracting(MessageQueue.QueuedMessage::sequence).containsExactly(b1);
    }

    @Test
    void concurrentTransactionsDoNotLoseUpdates() throws Exception {
        RecordTable t = store.table("counter");
        t.put("n", bytes("0"));
        int threads = 4;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            pool.submit(() -> {
                start.await();
                for (int r = 0; r < rounds; r++) {
                    store.transaction(() -> {
                        int n = Integer.parseInt(text(t.get("n").orElseThrow()));
                        t.put("n", bytes(Integer.toString(n + 1)));
                        return null;
                    });
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(text(t.get("n").orElseThrow())).isEqualTo(Integer.toString(threads * rounds));
    }

    @Test
    void dataSurvivesReopen() throws Exception {
        store.table(Tables.ACCOUNT).put("identity", bytes("key"));
        store.messages().append(bytes("waiting"));
        store.close();
        store = backend.open(directory, "acc");
        assertThat(store.table(Tables.ACCOUNT).get("identity")).isPresent();
        assertThat(store.messages().pending(10)).hasSize(1);
    }

    @Test
    void deleteRemovesEverything() throws Exception {
        store.table(Tables.ACCOUNT).put("identity", bytes("key"));
        store.close();
        backend.delete(directory, "acc");
        store = backend.open(directory, "acc");
        assertThat(store.table(Tables.ACCOUNT).all()).isEmpty();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    protected static String text(byte[] b) {
        return new String(b, UTF_8);
    }
}
