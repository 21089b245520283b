package org.signalbox.core.engine.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.signalbox.api.session.Handover;

/**
 * One published text on several connections: kept as soon as one client kept it, returned once every one of them
 * returned it (at once when there are none).
 */
final class Fanout {

    private final Handover target;
    private final AtomicInteger open;
    private final AtomicBoolean decided = new AtomicBoolean();

    Fanout(Handover target, int shares) {
        this.target = target;
        this.open = new AtomicInteger(shares);
        if (shares == 0) {
            decide(false);
        }
    }

    /** One text carrying what several handovers stand for: they share its fate. */
    static Handover together(java.util.List<Handover> all) {
        return all.size() == 1 ? all.get(0) : new Handover() {
            @Override
            public void kept() {
                all.forEach(Handover::kept);
            }

            @Override
            public void returned() {
                all.forEach(Handover::returned);
            }
        };
    }

    /** The handover of one connection's copy. */
    Handover share() {
        AtomicBoolean mine = new AtomicBoolean();
        return new Handover() {
            @Override
            public void kept() {
                if (mine.compareAndSet(false, true)) {
                    decide(true);
                }
            }

            @Override
            public void returned() {
                if (mine.compareAndSet(false, true) && open.decrementAndGet() == 0) {
                    decide(false);
                }
            }
        };
    }

    private void decide(boolean kept) {
        if (decided.compareAndSet(false, true)) {
            if (kept) {
                target.kept();
            } else {
                target.returned();
            }
        }
    }
}
