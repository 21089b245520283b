package org.signalbox.server.service.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;

/**
 * What waits in the device queues, per device and in total, so that senders cannot fill the disk: room is
 * reserved before a message is queued (refused beyond the {@link Limits}) and given back when its device
 * acknowledges it, or when queueing failed. A queue is counted from the store the first time it is touched, so
 * after a restart its old contents count too.
 */
final class Quotas {

    private static final int SCAN = 512;

    private final Limits limits;
    private final Mailboxes mailboxes;
    private final Map<String, long[]> queues = new HashMap<>();
    private long total;

    Quotas(Limits limits, Mailboxes mailboxes) {
        this.limits = limits;
        this.mailboxes = mailboxes;
    }

    /** Reserves room for a message of {@code bytes} to {@code queue}; else says which bound it meets. */
    synchronized String reserve(String queue, int bytes) throws StorageException {
        long[] q = usage(queue);
        if (q[0] + 1 > limits.queuedPerDevice()) {
            return "the recipient has " + q[0] + " messages waiting, the most this server keeps for a device";
        }
        if (q[1] + bytes > limits.queuedBytesPerDevice()) {
            return "the recipient's queue is full (" + limits.queuedBytesPerDevice() + " bytes)";
        }
        if (total + bytes > limits.queuedBytesTotal()) {
            return "the server's queues are full (" + limits.queuedBytesTotal() + " bytes)";
        }
        q[0]++;
        q[1] += bytes;
        total += bytes;
        return null;
    }

    /** A message left {@code queue} (acknowledged), or was never queued. */
    synchronized void release(String queue, int bytes) {
        long[] q = queues.get(queue);
        if (q != null) {
            q[0] = Math.max(0, q[0] - 1);
            q[1] = Math.max(0, q[1] - bytes);
            total = Math.max(0, total - bytes);
        }
    }

    private long[] usage(String queue) throws StorageException {
        long[] q = queues.get(queue);
        if (q == null) {
            q = new long[2];
            MessageQueue stored = mailboxes.queue(queue);
            for (List<MessageQueue.QueuedMessage> page = stored.pendingAfter(0, SCAN); !page.isEmpty();
                    page = stored.pendingAfter(page.get(page.size() - 1).sequence(), SCAN)) {
                for (MessageQueue.QueuedMessage m : page) {
                    q[0]++;
                    q[1] += m.payload().length;
                }
            }
            total += q[1];
            queues.put(queue, q);
        }
        return q;
    }
}
