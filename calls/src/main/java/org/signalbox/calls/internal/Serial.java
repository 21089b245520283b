package org.signalbox.calls.internal;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Runs one call's work in order, one task at a time, on a virtual thread that exists only while there is work:
 * tunnel events, network messages, client requests and timers meet here, so a call's state has one writer. The
 * queue is bounded, so a peer flooding a call with signalling drops its own messages, not the daemon's memory.
 */
final class Serial {

    private static final System.Logger LOG = System.getLogger("Calls");
    static final int LIMIT = 1_024;

    private final String name;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    Serial(String name) {
        this.name = name;
    }

    /** Queues {@code task}; false (and it is dropped) when {@value #LIMIT} are waiting already. */
    boolean submit(Runnable task) {
        synchronized (tasks) {
            if (tasks.size() >= LIMIT) {
                return false;
            }
            tasks.add(task);
            if (running) {
                return true;
            }
            running = true;
        }
        Thread.ofVirtual().name(name).start(this::drain);
        return true;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, name + ": a step of the call failed", e);
            }
        }
    }
}
