package org.signalbox.core.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.session.Subscription;

/** A connection's identity and subscriptions; output goes to the transport's peer or an in-process client. */
final class SessionImpl implements Session {

    static final int MAX_UNACKNOWLEDGED = 256;

    private final String id;
    private final Output out;
    private final Subscriptions registry;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Deliveries of acknowledged subscriptions waiting for the client's word, by delivery id. */
    private final Map<Long, Handover> unacknowledged = new ConcurrentHashMap<>();

    SessionImpl(String id, Output out, Subscriptions registry) {
        this.id = id;
        this.out = out;
        this.registry = registry;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String transport() {
        return out.transport();
    }

    @Override
    public boolean local() {
        return out.local();
    }

    @Override
    public void notify(String method, Object params) {
        deliver(method, Optional.empty(), params, params, null);
    }

    /**
     * A notification of {@code event} for {@code account}: {@code params} is {@code payload} itself or wraps it
     * as {@code result};
     * {@code handover} stands for the stored messages it carries, null for none.
     */
    boolean deliver(String event, Optional<String> account, Object payload, Object params, Handover handover) {
        if (!open.get()) {
            if (handover != null) {
                handover.returned();
            }
            return false;
        }
        return out.notification(event, account, payload, params, handover);
    }

    /** A response text; {@code handover} stands for the stored messages it carries, null for none. */
    boolean write(String json, Handover handover) {
        if (!open.get()) {
            if (handover != null) {
                handover.returned();
            }
            return false;
        }
        return out.text(json, handover);
    }

    @Override
    public Subscription subscribe(String event, Optional<String> account) {
        return subscribe(event, account, false);
    }

    @Override
    public Subscription subscribeAutomatic(String event, Optional<String> account) {
        return subscribe(event, account, true);
    }

    private Subscription subscribe(String event, Optional<String> account, boolean automatic) {
        Subscription s = registry.add(this, event, account, automatic, false);
        subscriptions.add(s);
        return s;
    }

    @Override
    public Subscription subscribeAcknowledged(String event, Optional<String> account) {
        Subscription s = registry.add(this, event, account, false, true);
        subscriptions.add(s);
        return s;
    }

    /** Room for one more unacknowledged delivery. */
    boolean acknowledgeable() {
        return unacknowledged.size() < MAX_UNACKNOWLEDGED;
    }

    /**
     * Writes a delivery of an acknowledged subscription: {@code share} is kept when the client acknowledges
     * {@code id}, returned when the text does not reach it or the session ends first.
     */
    boolean deliverAcknowledged(String event, Optional<String> account, Object payload, Object params, long id,
            Handover share) {
        unacknowledged.put(id, share);
        return deliver(event, account, payload, params, new Handover() {
            @Override
            public void kept() {
                // the transport's word is not enough here: the client's acknowledgement decides
            }

            @Override
            public void returned() {
                settle(id, false);
            }
        });
    }

    /** Decides delivery {@code id} if it is still outstanding; whether it was. */
    private boolean settle(long id, boolean kept) {
        Handover h = unacknowledged.remove(id);
        if (h == null) {
            return false;
        }
        if (kept) {
            h.kept();
        } else {
            h.returned();
        }
        return true;
    }

    @Override
    public int acknowledge(Collection<Long> deliveries) {
        int known = 0;
        for (long id : deliveries) {
            if (settle(id, true)) {
                known++;
            }
        }
        if (known > 0) {
            registry.roomFor(this); // a session that was full can take more now
        }
        return known;
    }

    void forget(Subscription s) {
        subscriptions.remove(s);
    }

    @Override
    public Collection<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** The peer is gone: subscriptions die with the connection, and what it did not acknowledge goes back. */
    void ended() {
        if (open.compareAndSet(true, false)) {
            subscriptions.forEach(Subscription::cancel);
            List.copyOf(unacknowledged.keySet()).forEach(id -> settle(id, false));
        }
    }

    @Override
    public void close() {
        ended();
        out.close();
    }
}
