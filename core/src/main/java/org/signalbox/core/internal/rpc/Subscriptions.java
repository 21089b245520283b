package org.signalbox.core.internal.rpc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.signalbox.api.session.Events;
import org.signalbox.api.session.Subscription;

/**
 * Every subscription of every session. Ids come from one process-wide counter, as in signal-cli, so an id is
 * never reused while the process lives.
 */
final class Subscriptions implements Events {

    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, Entry> all = new ConcurrentHashMap<>();
    private final List<SubscriptionListener> listeners = new CopyOnWriteArrayList<>();

    /** A new listener hears of the subscriptions that exist already, so none is missed by coming late. */
    void addListener(SubscriptionListener l) {
        listeners.add(l);
        all.values().forEach(e -> l.subscribed(e.event, e.account));
    }

    void removeListener(SubscriptionListener l) {
        listeners.remove(l);
    }

    Subscription add(SessionImpl session, String event, Optional<String> account, boolean automatic) {
        Entry e = new Entry(nextId.getAndIncrement(), session, event, account, automatic);
        all.put(e.id, e);
        listeners.forEach(l -> l.subscribed(event, account));
        return e;
    }

    @Override
    public boolean subscribed(String event, String account) {
        return all.values().stream().anyMatch(e -> e.event.equals(event) && e.account.map(account::equals).orElse(true));
    }

    @Override
    public int publish(String event, String account, Object payload) {
        int delivered = 0;
        for (Entry e : all.values()) {
            if (e.event.equals(event) && e.account.map(account::equals).orElse(true)) {
                Object params = e.automatic ? payload : Map.of("subscription", e.id, "result", payload);
                if (e.session.deliver(event, params)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    private final class Entry implements Subscription {
        private final int id;
        private final SessionImpl session;
        private final String event;
        private final Optional<String> account;
        private final boolean automatic;

        Entry(int id, SessionImpl session, String event, Optional<String> account, boolean automatic) {
            this.id = id;
            this.session = session;
            this.event = event;
            this.account = account;
            this.automatic = automatic;
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
