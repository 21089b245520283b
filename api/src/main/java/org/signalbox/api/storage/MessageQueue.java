package org.signalbox.api.storage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A durable FIFO: what is appended stays until it is acknowledged. */
@ConsumerType
public interface MessageQueue {

    /** Appends and returns the new entry's sequence number (increasing). */
    long append(byte[] payload) throws StorageException;

    /** The oldest unacknowledged entries, at most {@code max}. */
    default List<QueuedMessage> pending(int max) throws StorageException {
        return pendingAfter(0, max);
    }

    /** The oldest unacknowledged entries with a sequence above {@code after}, at most {@code max}. */
    List<QueuedMessage> pendingAfter(long after, int max) throws StorageException;

    /** Removes an entry; returns false if it was already gone. */
    boolean acknowledge(long sequence) throws StorageException;

    /** One entry. */
    record QueuedMessage(long sequence, long storedAt, byte[] payload) {
    }
}
