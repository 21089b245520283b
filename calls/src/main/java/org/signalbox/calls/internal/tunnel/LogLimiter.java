package org.signalbox.calls.internal.tunnel;

/**
 * Lets through a burst of log lines, then a few per second, and counts what it held back: a tunnel that floods
 * stderr costs a read loop, not the log.
 */
final class LogLimiter {

    private static final int BURST = 100;
    private static final int PER_SECOND = 20;

    private double tokens = BURST;
    private long last = System.nanoTime();
    private long suppressed;

    /** Whether to log a line now; when it is, {@link #suppressed()} says how many were held back before it. */
    synchronized boolean allow() {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - last) / 1e9 * PER_SECOND);
        last = now;
        if (tokens >= 1) {
            tokens--;
            return true;
        }
        suppressed++;
        return false;
    }

    /** Lines held back since the last call; resets the count. */
    synchronized long suppressed() {
        long s = suppressed;
        suppressed = 0;
        return s;
    }
}
