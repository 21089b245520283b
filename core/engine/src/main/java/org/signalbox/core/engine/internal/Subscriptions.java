package org.signalbox.core.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.signalbox.api.session.Events;
import org.signalbox.api.session.Handover;
import org.signalbox.api.session.SessionListener;
import org.signalbox.api.session.Subscription;
import org.signalbox.api.transport.ConnectionOptions;

/**
 * Every subscription of every session. Ids come from one process-wide counter, as in signal-cli, so an id is
 * never reused while the process lives.
 */
final class Subscriptions implements Events {

    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicLong nextDelivery = new AtomicLong(1);
    private final Map<Integer, Entry> all = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    /** A new listener hears of the subscriptions that exist already, so none is missed by coming late. */
    void addListener(SessionListener l) {
        listeners.add(l);
        all.values().forEach(e -> l.subscribed(e.session, e));
    }

    void removeListener(SessionListener l) {
        listeners.remove(l);
    }

    void opened(SessionImpl session, ConnectionOptions options) {
        listeners.forEach(l -> l.opened(session, options));
    }

    Subscription add(SessionImpl session, String event, Optional<String> account, boolean automatic,
            boolean acknowledged) {
        Entry e = new Entry(nextId.getAndIncrement(), session, event, account, automatic, acknowledged);
        all.put(e.id, e);
        listeners.forEach(l -> l.subscribed(session, e));
        return e;
    }

    @Override
    public boolean subscribed(String event, String account) {
        return all.values().stream().anyMatch(e -> e.event.equals(event) && e.account.map(account::equals).orElse(true));
    }

    @Override
    public int publish(String event, String account, Object payload) {
        int delivered = 0;
        for (Entry e : matching(event, account)) {
            if (e.session.deliver(event, Optional.of(account), payload, e.params(payload), null)) {
                delivered++;
            }
        }
        return delivered;
    }

    @Override
    public int publish(String event, String account, Object payload, Handover handover) {
        // a session whose client has its limit unacknowledged gets nothing more until it acknowledges
        List<Entry> to = matching(event, account).stream().filter(e -> !e.acknowledged || e.session
                .acknowledgeable()).toList();
        Fanout fanout = new Fanout(handover, to.size());
        int delivered = 0;
        for (Entry e : to) {
            boolean written;
            if (e.acknowledged) {
                long id = nextDelivery.getAndIncrement();
                written = e.session.deliverAcknowledged(event, Optional.of(account), payload, Map.of("subscription",
                        e.id, "result", payload, "delivery", id), id, fanout.share());
            } else {
                written = e.session.deliver(event, Optional.of(account), payload, e.params(payload), fanout.share());
            }
            if (written) {
                delivered++;
            }
        }
        return delivered;
    }

    /** An acknowledged session has room again: what waits for its subscriptions may go out. */
    void roomFor(SessionImpl session) {
        all.values().stream().filter(e -> e.session == session).forEach(e -> listeners.forEach(l -> l.subscribed(
                session, e)));
    }

    private List<Entry> matching(String event, String account) {
        return all.values().stream().filter(e -> e.event.equals(event) && e.account.map(account::equals)
                .orElse(true)).toList();
    }

    private final class Entry implements Subscription {
        private final int id;
        private final SessionImpl session;
        private final String event;
        private final Optional<String> account;
        private final boolean automatic;
        private final boolean acknowledged;

        Entry(int id, SessionImpl session, String event, Optional<String> account, boolean automatic,
                boolean acknowledged) {
            this.id = id;
            this.session = session;
            this.event = event;
            this.account = account;
            this.automatic = automatic;
            this.acknowledged = acknowledged;
        }

        Object params(Object payload) {
            return automatic ? payload : Map.of("subscription", id, "result", payload);
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String event() {
            return event;
        }

        @Override
        public Optional<String> account() {
            return account;
        }

        @Override
        public boolean automatic() {
            return automatic;
        }

        @Override
        public void cancel() {
            all.remove(id);
            session.forget(this);
        }
    }
}
