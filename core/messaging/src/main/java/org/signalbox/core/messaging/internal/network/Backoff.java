package org.signalbox.core.messaging.internal.network;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base·2ⁿ)], so daemons that
 * lost the same server do not all come back at once.
 */
final class Backoff {

    private final Duration base;
    private final Duration cap;
    private int attempt;

    Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** The wait before the next attempt. */
    Duration next() {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 30));
        attempt++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** After a success: the next failure starts small again. */
    void reset() {
        attempt = 0;
    }
}
