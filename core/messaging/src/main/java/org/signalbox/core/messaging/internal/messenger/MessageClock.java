package org.signalbox.core.messaging.internal.messenger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Timestamps for outgoing messages. A message's timestamp is its id (receipts, reactions, edits and deletes name
 * it by sender and timestamp, and receivers drop a second message with the same pair), so two sends of one
 * account must never share a millisecond: each timestamp is the clock, or one more than the last if the clock
 * has not moved on.
 */
public final class MessageClock {

    private static final AtomicLong LAST = new AtomicLong();

    private MessageClock() {
    }

    public static long next() {
        long now = System.currentTimeMillis();
        return LAST.updateAndGet(last -> Math.max(last + 1, now));
    }
}
