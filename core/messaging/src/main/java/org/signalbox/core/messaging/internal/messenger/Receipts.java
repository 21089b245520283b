package org.signalbox.core.messaging.internal.messenger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.Recipient;

/**
 * The receipts an account owes the senders of data messages it received, as signal-cli sends them: DELIVERY for
 * every data or edit message, READ too with {@code --send-read-receipts}; none for receipts, typing or sync
 * content. What is owed is written in the transaction that stores the message, so a crash between storing and
 * sending loses no receipt; it leaves the queue only once the server took it, or the recipient cannot take any
 * (docs/protocol/delivery-receipts.md).
 */
final class Receipts {

    private static final System.Logger LOG = System.getLogger("Receive");
    static final String QUEUE = "receipts-owed";

    /** What the messenger sends a receipt with. */
    @FunctionalInterface
    interface Sender {
        List<SendResult> send(Recipient to, Wire.Content content) throws Exception;
    }

    private final AccountStore store;
    private final boolean read;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile boolean again;

    Receipts(AccountStore store, boolean sendReadReceipts) {
        this.store = store;
        this.read = sendReadReceipts;
    }

    /** Inside the receiving transaction: owes {@code sender} the receipts {@code content} calls for. */
    void owe(String sender, Wire.Content content) throws StorageException {
        long timestamp = content.hasDataMessage() ? content.getDataMessage().getTimestamp()
                : content.hasEditMessage() ? content.getEditMessage().getDataMessage().getTimestamp() : 0;
        if (timestamp == 0) {
            return;
        }
        MessageQueue owed = store.queue(QUEUE);
        owed.append(entry(Wire.ReceiptMessage.Type.DELIVERY, timestamp, sender));
        if (read) {
            owed.append(entry(Wire.ReceiptMessage.Type.READ, timestamp, sender));
        }
    }

    /**
     * After the transaction: sends everything owed, one receipt per sender and type carrying all its timestamps.
     * A network failure keeps the entries for the next flush (the next message, or the next connection).
     */
    void flush(Sender sender) {
        again = true;
        while (again && flushing.compareAndSet(false, true)) {
            again = false;
            try {
                sendOwed(sender);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Receipts stay owed: " + e.getMessage());
            } finally {
                flushing.set(false);
            }
        }
    }

    private void sendOwed(Sender sender) throws Exception {
        MessageQueue owed = store.queue(QUEUE);
        Map<String, Batch> batches = new LinkedHashMap<>();
        for (MessageQueue.QueuedMessage m : owed.pending(Integer.MAX_VALUE)) {
            ByteBuffer b = ByteBuffer.wrap(m.payload());
            Wire.ReceiptMessage.Type type = Wire.ReceiptMessage.Type.forNumber(b.get());
            long timestamp = b.getLong();
            String uuid = StandardCharsets.UTF_8.decode(b).toString();
            Batch batch = batches.computeIfAbsent(uuid + "/" + type, k -> new Batch(uuid, type));
            batch.timestamps.add(timestamp);
            batch.sequences.add(m.sequence());
        }
        for (Batch batch : batches.values()) {
            long now = MessageClock.next();
            Wire.Content content = Wire.Content.newBuilder().setTimestamp(now).setReceiptMessage(
                    Wire.ReceiptMessage.newBuilder().setType(batch.type).addAllTimestamps(batch.timestamps)).build();
            SendResult.Type outcome = sender.send(new Recipient(null, batch.uuid, null), content).get(0).type();
            if (outcome == SendResult.Type.NETWORK_FAILURE || outcome == SendResult.Type.RATE_LIMIT_FAILURE) {
                continue; // owed still
            }
            if (outcome != SendResult.Type.SUCCESS) {
                LOG.log(System.Logger.Level.INFO, "Dropped " + batch.type + " receipts to " + batch.uuid + ": "
                        + outcome);
            }
            for (long s : batch.sequences) {
                owed.acknowledge(s);
            }
        }
    }

    private static byte[] entry(Wire.ReceiptMessage.Type type, long timestamp, String uuid) {
        byte[] id = uuid.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + id.length).put((byte) type.getNumber()).putLong(timestamp).put(id).array();
    }

    private static final class Batch {
        final String uuid;
        final Wire.ReceiptMessage.Type type;
        final List<Long> timestamps = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();

        Batch(String uuid, Wire.ReceiptMessage.Type type) {
            this.uuid = uuid;
            this.type = type;
        }
    }
}
