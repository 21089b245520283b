package org.signalbox.server.service.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts per key (a source address, a target user) in fixed windows: {@link #take} says whether one more fits.
 * Keys whose window passed are forgotten, so strangers cannot grow it without bound.
 */
final class RateLimits {

    private static final int FORGET_ABOVE = 10_000;

    private final int perWindow;
    private final long windowNanos;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    RateLimits(int perWindow, Duration window) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
    }

    /** Counts one for {@code key}; false if its window is full. */
    boolean take(String key) {
        long now = System.nanoTime();
        if (windows.size() > FORGET_ABOVE) {
            forget(now);
        }
        long[] w = windows.computeIfAbsent(key, k -> new long[] {now, 0});
        synchronized (w) {
            if (now - w[0] >= windowNanos) {
                w[0] = now;
                w[1] = 0;
            }
            if (w[1] >= perWindow) {
                return false;
            }
            w[1]++;
            return true;
        }
    }

    private void forget(long now) {
        for (Iterator<long[]> i = windows.values().iterator(); i.hasNext();) {
            long[] w = i.next();
            synchronized (w) {
                if (now - w[0] >= windowNanos) {
                    i.remove();
                }
            }
        }
    }
}
