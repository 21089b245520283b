package org.signalbox.core.internal.messaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.internal.rpc.EventHub;
import org.signalbox.core.internal.rpc.SubscriptionListener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands stored envelopes to the clients: each goes to every subscription for its account and leaves the store
 * only once at least one took it. With nobody subscribed it waits, in order, for the next client.
 */
@Component(service = Delivery.class)
public final class Delivery implements SubscriptionListener {

    private static final System.Logger LOG = System.getLogger("Receive");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 100;
    static final String EVENT = "receive";

    private volatile EventHub events;
    private final Accounts accounts;
    /** Notified whenever something was stored for any account; manual receive waits on it. */
    private final Object arrivals = new Object();

    @Activate
    public Delivery(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    /*
     * Dynamic and optional because the engine's methods need messaging, which needs this: with a static reference
     * Declarative Services meets the engine half-built and gives up. Until the engine comes, nobody can subscribe,
     * so messages wait in the store for the first subscription.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setEvents(EventHub hub) {
        this.events = hub;
        hub.addListener(this);
    }

    void unsetEvents(EventHub hub) {
        hub.removeListener(this);
        if (events == hub) {
            events = null;
        }
    }

    @Override
    public void subscribed(String event, Optional<String> account) {
        if (!EVENT.equals(event)) {
            return;
        }
        Thread.ofVirtual().name("delivery").start(() -> {
            try {
                for (Account a : account.flatMap(accounts::find).map(List::of).orElseGet(accounts::list)) {
                    flush(a);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Delivering waiting messages failed: " + e.getMessage());
            }
        });
    }

    /** Whether a client's subscription receives {@code account}'s messages now. */
    public boolean subscribed(Account account) {
        EventHub hub = events;
        return hub != null && hub.subscribed(EVENT, account.number());
    }

    /** Sends what waits for {@code account}'s clients, oldest first. */
    public void flush(Account account) {
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        synchronized (account) {
            MessageQueue queue = account.store().messages();
            try {
                EventHub hub = events;
                while (hub != null && hub.subscribed(EVENT, account.number())) {
                    List<MessageQueue.QueuedMessage> batch = queue.pending(BATCH);
                    if (batch.isEmpty()) {
                        return;
                    }
                    for (MessageQueue.QueuedMessage m : batch) {
                        if (hub.publish(EVENT, account.number(), MAPPER.readTree(m.payload())) == 0) {
                            return; // the last client left: keep it for the next
                        }
                        queue.acknowledge(m.sequence());
                    }
                }
            } catch (StorageException | IOException e) {
                LOG.log(System.Logger.Level.ERROR, "Delivering messages of " + account.number() + " failed", e);
            }
        }
    }

    /**
     * For manual {@code receive}: takes up to {@code max} waiting envelopes off the store, waiting up to
     * {@code waitMillis} (negative: for ever) for the first.
     */
    public List<JsonNode> take(Account account, int max, long waitMillis) throws StorageException, IOException,
            InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        synchronized (arrivals) {
            while (account.store().messages().pending(1).isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (waitMillis >= 0 && left <= 0) {
                    return List.of();
                }
                arrivals.wait(waitMillis < 0 ? 1000 : Math.min(left, 1000));
            }
        }
        synchronized (account) {
            MessageQueue queue = account.store().messages();
            List<JsonNode> out = new ArrayList<>();
            for (MessageQueue.QueuedMessage m : queue.pending(max)) {
                out.add(MAPPER.readTree(m.payload()));
                queue.acknowledge(m.sequence());
            }
            return out;
        }
    }
}
