package org.signalbox.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Everything one account has: named record tables (see {@link Tables}) and the message queue. All changes made
 * inside {@link #transaction} become durable together or not at all; outside a transaction each call is its own
 * transaction.
 */
@ConsumerType
public interface AccountStore extends AutoCloseable {

    /** A table of records; values are opaque bytes to the backend. */
    RecordTable table(String name);

    /** Received envelopes waiting for a client: the queue named {@code ""}. */
    default MessageQueue messages() {
        return queue("");
    }

    /**
     * A durable queue by name; queues are independent of each other but share one sequence space, and a
     * queue that was never appended to is empty.
     */
    MessageQueue queue(String name);

    /** Runs {@code work} atomically; a nested call joins the outer transaction. */
    <T> T transaction(Work<T> work) throws StorageException;

    @Override
    void close() throws StorageException;

    /** A unit of work run in a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws StorageException;
    }
}
