package org.signalbox.core.internal.rpc;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.session.Subscription;
import org.signalbox.api.transport.Peer;

/** A connection's identity and subscriptions; output goes to the transport's peer. */
final class SessionImpl implements Session {

    private final String id;
    private final Peer peer;
    private final Subscriptions registry;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);

    SessionImpl(String id, Peer peer, Subscriptions registry) {
        this.id = id;
        this.peer = peer;
        this.registry = registry;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String transport() {
        return peer.transport();
    }

    @Override
    public boolean local() {
        return peer.local();
    }

    @Override
    public void notify(String method, Object params) {
        deliver(method, params);
    }

    boolean deliver(String method, Object params) {
        return write(Responses.notification(method, params).toString());
    }

    boolean deliver(String method, Object params, Handover handover) {
        return write(Responses.notification(method, params).toString(), handover);
    }

    boolean write(String json) {
        return open.get() && peer.write(json);
    }

    boolean write(String json, Handover handover) {
        if (!open.get()) {
            handover.returned();
            return false;
        }
        return peer.write(json, handover);
    }

    @Override
    public Subscription subscribe(String event, Optional<String> account) {
        return subscribe(event, account, false);
    }

    Subscription subscribe(String event, Optional<String> account, boolean automatic) {
        Subscription s = registry.add(this, event, account, automatic);
        subscriptions.add(s);
        return s;
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

    /** The peer is gone: subscriptions die with the connection. */
    void ended() {
        if (open.compareAndSet(true, false)) {
            subscriptions.forEach(Subscription::cancel);
        }
    }

    @Override
    public void close() {
        ended();
        peer.close();
    }
}
