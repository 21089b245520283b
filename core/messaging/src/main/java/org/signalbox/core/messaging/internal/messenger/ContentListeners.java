package org.signalbox.core.messaging.internal.messenger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
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
 * the transaction that stored it has committed. Listeners are bound by reference and fetched at the first
 * content: a listener (the calls) needs the network, which needs this, so taking the service object while
 * binding would be a cycle that Declarative Services refuses.
 */
@Component(service = ContentListeners.class)
public final class ContentListeners {

    private static final System.Logger LOG = System.getLogger("Receive");
    private static final String REFERENCE = "Listener";

    private final List<ServiceReference<ContentListener<?>>> references = new CopyOnWriteArrayList<>();
    private final List<ContentListener<?>> direct = new CopyOnWriteArrayList<>();
    private volatile ComponentContext component;

    @Activate
    void activate(ComponentContext context) {
        this.component = context;
    }

    @Reference(name = REFERENCE, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ServiceReference<ContentListener<?>> listener) {
        references.add(listener);
    }

    void removeListener(ServiceReference<ContentListener<?>> listener) {
        references.remove(listener);
    }

    /** A listener outside the framework (tests wiring the daemon by hand). */
    void add(ContentListener<?> listener) {
        direct.add(listener);
    }

    private List<ContentListener<?>> listeners() {
        List<ContentListener<?>> all = new ArrayList<>(direct);
        ComponentContext c = component;
        if (c != null) {
            for (ServiceReference<ContentListener<?>> r : references) {
                ContentListener<?> l = c.locateService(REFERENCE, r);
                if (l != null) {
                    all.add(l);
                }
            }
        }
        return all;
    }

    /** Whether anyone listens for content the wire message carries: only then is it worth keeping. */
    boolean wanted(Wire.Content content) {
        return content.hasCallMessage() && !(references.isEmpty() && direct.isEmpty());
    }

    /** What was opened in one transaction, to hand on once it committed. */
    record Opened(Sender sender, Wire.Content content, long serverReceived, long serverDelivered) {
    }

    void dispatch(Account account, List<Opened> opened) {
        if (opened.isEmpty()) {
            return;
        }
        List<ContentListener<?>> listeners = listeners();
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
