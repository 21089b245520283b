package org.signalbox.core.messaging.internal.messenger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.session.Events;
import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.session.SessionListener;
import org.signalbox.api.session.Subscription;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.transport.ConnectionOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands stored envelopes to the clients: each goes to every subscription for its account and leaves the store
 * only once a client's transport says it kept it (see {@code Handovers} in the transport API). With nobody
 * subscribed, or when every client returned it, it waits for the next client. As a session listener it gives
 * every connection signal-cli's automatic {@code receive} subscription (unless its receive mode is manual) and
 * sends what waited as soon as a client subscribes.
 */
@Component(service = {Delivery.class, SessionListener.class})
public final class Delivery implements SessionListener {

    private static final System.Logger LOG = System.getLogger("Receive");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 100;
    /** A returned envelope goes out again after this pause, so a client that keeps failing cannot spin us. */
    private static final long RETRY_MILLIS = 100;
    private static final Executor RETRIES = Executors.newVirtualThreadPerTaskExecutor();
    static final String EVENT = "receive";

    private volatile Events events;
    private final Accounts accounts;
    /** Notified whenever something was stored for any account; manual receive waits on it. */
    private final Object arrivals = new Object();
    /** Per account number: the sequences of stored envelopes that are out with clients, undecided. */
    private final Map<String, Set<Long>> out = new ConcurrentHashMap<>();

    @Activate
    public Delivery(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    /*
     * Dynamic and optional because the engine binds this listener while it activates: with a static reference
     * each would wait for the other. Until the engine comes, nobody can subscribe, so messages wait in the store.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setEvents(Events value) {
        this.events = value;
    }

    void unsetEvents(Events value) {
        if (events == value) {
            events = null;
        }
    }

    @Override
    public void opened(Session session, ConnectionOptions options) {
        if (options.automaticReceive()) {
            session.subscribeAutomatic(EVENT, options.account());
        }
    }

    @Override
    public void subscribed(Session session, Subscription subscription) {
        if (!EVENT.equals(subscription.event())) {
            return;
        }
        Optional<String> account = subscription.account();
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
        Events hub = events;
        return hub != null && hub.subscribed(EVENT, account.number());
    }

    /**
     * Sends what waits for {@code account}'s clients, oldest first. An envelope stays stored while it is out
     * (handed to clients whose transports have not yet said whether they kept it) and is not sent again meanwhile;
     * kept, it leaves the store; returned by every client, it waits for the next one.
     */
    public void flush(Account account) {
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        synchronized (account) {
            MessageQueue queue = account.store().messages();
            Set<Long> out = out(account);
            try {
                Events hub = events;
                long cursor = 0;
                while (hub != null && hub.subscribed(EVENT, account.number())) {
                    List<MessageQueue.QueuedMessage> batch = queue.pendingAfter(cursor, BATCH);
                    if (batch.isEmpty()) {
                        return;
                    }
                    for (MessageQueue.QueuedMessage m : batch) {
                        cursor = m.sequence();
                        if (!out.add(m.sequence())) {
                            continue;
                        }
                        Out h = new Out(account, List.of(m.sequence()), true);
                        int written = hub.publish(EVENT, account.number(), MAPPER.readTree(m.payload()), h);
                        h.published();
                        if (written == 0) {
                            return; // no client took it (the last left, or all wait to acknowledge): it waits
                        }
                    }
                }
            } catch (StorageException | IOException e) {
                LOG.log(System.Logger.Level.ERROR, "Delivering messages of " + account.number() + " failed", e);
            }
        }
    }

    /** What a manual {@code receive} answer carries: the envelopes, and what the transport says of them. */
    public record Taken(List<JsonNode> envelopes, Handover handover) {
    }

    /**
     * For manual {@code receive}, as signal-cli receives: envelopes as they come, up to {@code max}, until
     * {@code waitMillis} pass without a new one (negative: until the first arrived, and what came with it). They
     * stay stored until the answer carrying them was kept by the client.
     */
    public Taken take(Account account, int max, long waitMillis) throws StorageException, IOException,
            InterruptedException {
        List<JsonNode> envelopes = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        while (envelopes.size() < max && arrived(account, waitMillis)) {
            synchronized (account) {
                Set<Long> out = out(account);
                for (MessageQueue.QueuedMessage m : waiting(account, max - envelopes.size())) {
                    if (out.add(m.sequence())) {
                        envelopes.add(MAPPER.readTree(m.payload()));
                        sequences.add(m.sequence());
                    }
                }
            }
            if (waitMillis < 0) {
                break;
            }
        }
        return new Taken(envelopes, new Out(account, sequences, false));
    }

    /** Whether an envelope not yet out waits for {@code account}, waiting up to {@code waitMillis} for one. */
    private boolean arrived(Account account, long waitMillis) throws StorageException, InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        synchronized (arrivals) {
            while (waiting(account, 1).isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (waitMillis >= 0 && left <= 0) {
                    return false;
                }
                arrivals.wait(waitMillis < 0 ? 1000 : Math.min(left, 1000));
            }
            return true;
        }
    }

    /** Stored envelopes that are not out, oldest first, at most {@code max}. */
    private List<MessageQueue.QueuedMessage> waiting(Account account, int max) throws StorageException {
        MessageQueue queue = account.store().messages();
        Set<Long> out = out(account);
        List<MessageQueue.QueuedMessage> found = new ArrayList<>();
        long cursor = 0;
        while (found.size() < max) {
            List<MessageQueue.QueuedMessage> batch = queue.pendingAfter(cursor, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (MessageQueue.QueuedMessage m : batch) {
                cursor = m.sequence();
                if (!out.contains(m.sequence()) && found.size() < max) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    private Set<Long> out(Account account) {
        return out.computeIfAbsent(account.number(), n -> ConcurrentHashMap.newKeySet());
    }

    /**
     * Envelopes out with clients. Kept: they leave the store. Returned: they are no longer out, and go to the
     * clients subscribed now ({@code redeliver}: when a client gave them back after they went out, not when
     * nobody took them in the first place, which would only go round) or wait for the next {@code receive}.
     */
    private final class Out implements Handover {
        private final Account account;
        private final List<Long> sequences;
        private final boolean redeliver;
        private final AtomicBoolean decided = new AtomicBoolean();
        private final AtomicBoolean published = new AtomicBoolean();

        Out(Account account, List<Long> sequences, boolean redeliver) {
            this.account = account;
            this.sequences = sequences;
            this.redeliver = redeliver;
        }

        void published() {
            published.set(true);
        }

        @Override
        public void kept() {
            if (decided.compareAndSet(false, true)) {
                MessageQueue queue = account.store().messages();
                try {
                    for (long s : sequences) {
                        queue.acknowledge(s);
                    }
                } catch (StorageException e) {
                    LOG.log(System.Logger.Level.ERROR, "Removing delivered messages of " + account.number()
                            + " failed; they will be delivered again", e);
                } finally {
                    out(account).removeAll(sequences);
                }
            }
        }

        @Override
        public void returned() {
            if (decided.compareAndSet(false, true)) {
                out(account).removeAll(sequences);
                synchronized (arrivals) {
                    arrivals.notifyAll();
                }
                if (redeliver && published.get() && subscribed(account)) {
                    CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS, RETRIES)
                            .execute(() -> flush(account));
                }
            }
        }
    }
}
