package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MessageClockTest {

    @Test
    void concurrentSendsGetDistinctTimestampsCloseToTheClock() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        long before = System.currentTimeMillis();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        seen.add(MessageClock.next());
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).hasSize(8000).allMatch(t -> t >= before);
    }
}
