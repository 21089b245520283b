package org.signalbox.api.transport;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One client's work, run in the order it came on one virtual thread, with room for at most {@code capacity}
 * tasks waiting: a client that sends faster than its work runs makes its reader wait ({@code execute} blocks),
 * so it meets back-pressure instead of the daemon queueing for it without bound.
 */
public final class InOrder {

    private InOrder() {
    }

    public static ExecutorService bounded(int capacity, String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                Thread.ofVirtual().name(name).factory(), (task, executor) -> {
                    if (executor.isShutdown()) {
                        throw new RejectedExecutionException("the connection is closed");
                    }
                    try {
                        executor.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RejectedExecutionException("interrupted while waiting for room", e);
                    }
                });
    }
}
