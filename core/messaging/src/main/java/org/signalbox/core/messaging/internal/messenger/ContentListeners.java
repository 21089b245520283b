package org.signalbox.core.messaging.internal.messenger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.signalbox.api.account.Account;
import org.signalbox.api.network.Content;
import org.signalbox.api.network.ContentListener;
import org.signalbox.api.network.Received;
import org.signalbox.api.network.Sender;
import org.signalbox.core.messaging.internal.content.Wire;

/**
 * The whiteboard of {@link ContentListener}s: hands each decrypted content to the listeners of its kind, after
 * the transaction that stored it has committed.
 */
@Component(service = ContentListeners.class)
public final class ContentListeners {

    private static final System.Logger LOG = System.getLogger("Receive");

    private final List<ContentListener<?>> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ContentListener<?> listener) {
        listeners.add(listener);
    }

    void removeListener(ContentListener<?> listener) {
        listeners.remove(listener);
    }

    /** Whether anyone listens for content the wire message carries: only then is it worth keeping. */
    boolean wanted(Wire.Content content) {
        return content.hasCallMessage() && !listeners.isEmpty();
    }

    /** What was opened in one transaction, to hand on once it committed. */
    record Opened(Sender sender, Wire.Content content, long serverReceived, long serverDelivered) {
    }

    void dispatch(Account account, List<Opened> opened) {
        for (Opened o : opened) {
            for (Content c : CallMessages.typed(o.content())) {
                Received<Content> r = new Received<>(account, o.sender(), c, o.content().getTimestamp(),
                        o.serverReceived(), o.serverDelivered());
                for (ContentListener<?> l : listeners) {
                    if (l.kind().isInstance(c)) {
                        deliver(l, r);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void deliver(ContentListener<?> listener, Received<Content> r) {
        try {
            ((ContentListener<Content>) listener).received(r);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Content listener " + listener.getClass().getName() + " failed", e);
        }
    }
}
