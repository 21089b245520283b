package org.signalbox.api.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.signalbox.api.session.Handover;

/**
 * One connection's texts that carry stored messages, from the moment they were written until the transport knows
 * whether the client kept them. A client without acknowledgements cannot say that it read a notification, but a
 * client that leaves without reading shows it: Linux answers unread data with a reset, a write fails, or the
 * connection ends right after the write. So a written text is kept once the connection lasted the settle window
 * after it, or at a clean end ({@link #keepAll}); an abnormal end within the window returns it
 * ({@link #returnAll}) to the store for the next client. Thread-safe; what it holds is bounded by the window.
 */
public final class Handovers {

    /** The settle window transports use unless configured otherwise. */
    public static final long DEFAULT_SETTLE_MILLIS = 2_000;

    private static final Executor SETTLING = Executors.newVirtualThreadPerTaskExecutor();

    private final long settleMillis;
    private final BooleanSupplier stillThere;
    private final List<Handover> pending = new ArrayList<>();
    private boolean ended;

    /**
     * For a transport that hears at once when its client leaves (it reads the connection all the time, so a
     * reset or an end reaches it).
     *
     * @param settleMillis how long the connection must last after a write for it to count as read
     */
    public Handovers(long settleMillis) {
        this(settleMillis, () -> true);
    }

    /**
     * For a transport that learns of a client's end only by writing (a streamed HTTP response): when a window
     * passes, {@code stillThere} writes something harmless (a comment) and says whether it went through. A
     * client that closed without reading has answered with a reset by then, and the write fails.
     */
    public Handovers(long settleMillis, BooleanSupplier stillThere) {
        this.settleMillis = settleMillis;
        this.stillThere = stillThere;
    }

    /**
     * What became of the write of {@code handover}'s text: not {@code whole}, it never reached the client and is
     * returned; whole, it is kept when the window passes with the connection open. Returns {@code whole}.
     */
    public boolean sent(boolean whole, Handover handover) {
        if (whole) {
            synchronized (this) {
                if (!ended) {
                    pending.add(handover);
                    CompletableFuture.delayedExecutor(settleMillis, TimeUnit.MILLISECONDS, SETTLING)
                            .execute(() -> settle(handover));
                    return true;
                }
            }
        }
        handover.returned(); // not written, or written after the end: nobody can have read it
        return whole;
    }

    /** Whether texts wait for their window; a transport then checks how its connection ends. */
    public synchronized boolean pending() {
        return !pending.isEmpty();
    }

    /** The client showed it read what was written (it acknowledged, or closed cleanly): all of it is kept. */
    public void keepAll() {
        end().forEach(Handover::kept);
    }

    /** The connection ended abnormally: what waited for its window goes back to the store. */
    public void returnAll() {
        end().forEach(Handover::returned);
    }

    private synchronized List<Handover> end() {
        ended = true;
        List<Handover> all = List.copyOf(pending);
        pending.clear();
        return all;
    }

    private void settle(Handover handover) {
        synchronized (this) {
            if (!pending.contains(handover)) {
                return; // the connection ended first and decided
            }
        }
        if (!stillThere.getAsBoolean()) {
            returnAll();
            return;
        }
        synchronized (this) {
            if (!pending.remove(handover)) {
                return;
            }
        }
        handover.kept();
    }
}
