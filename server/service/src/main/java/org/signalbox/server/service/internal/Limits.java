package org.signalbox.server.service.internal;

import java.time.Duration;

/**
 * What the server lets strangers do (docs/architecture.md, "The messaging server against strangers"): generous
 * for ordinary clients and the benchmarks, small enough that a hostile peer can neither fill the disk, nor drain
 * an account's one-time prekeys, nor take a registered number by guessing its PIN.
 *
 * @param lockAttempts wrong registration lock PINs accepted per number within {@code lockWindow}
 * @param queuedPerDevice messages waiting for one device
 * @param queuedBytesPerDevice bytes waiting for one device
 * @param queuedBytesTotal bytes waiting for all devices together
 * @param anonymousBytesPerSecond what one anonymous connection may queue per second, on average
 * @param anonymousBurstBytes ... and at once
 * @param oneTimeKeysPerTarget one-time prekeys handed out per user within {@code preKeyWindow}; beyond them a
 *        bundle carries the signed prekey (and the last-resort Kyber key) alone
 * @param preKeyRequestsPerSource prekey requests per source address within {@code preKeyWindow}
 * @param pendingFrames frames queued to one connection before the server stops reading from it
 */
record Limits(int lockAttempts, Duration lockWindow, int queuedPerDevice, long queuedBytesPerDevice,
        long queuedBytesTotal, long anonymousBytesPerSecond, long anonymousBurstBytes, int oneTimeKeysPerTarget,
        int preKeyRequestsPerSource, Duration preKeyWindow, int pendingFrames) {

    static final Limits DEFAULTS = new Limits(5, Duration.ofHours(1), 10_000, 256L << 20, 2L << 30, 8L << 20,
            64L << 20, 50, 1_200, Duration.ofMinutes(1), 1_024);

    static Limits of(ServerConfig c) {
        return new Limits(c.registrationLockAttempts(), Duration.ofMinutes(c.registrationLockWindowMinutes()),
                c.queuedPerDevice(), c.queuedBytesPerDevice(), c.queuedBytesTotal(), c.anonymousBytesPerSecond(),
                c.anonymousBurstBytes(), c.oneTimeKeysPerTarget(), c.preKeyRequestsPerSource(),
                Duration.ofSeconds(c.preKeyWindowSeconds()), c.pendingFrames());
    }
}
