package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.messenger.Delivery;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code receive} in manual mode: what arrives until {@code timeout} seconds pass without a new envelope, or
 * {@code maxMessages} came, as signal-cli receives. Refused while a subscription receives for the account, as signal-cli refuses it. The envelopes leave
 * the store only once the client kept the answer.
 */
@Component(service = RpcMethod.class)
public final class Receive extends BaseMethod {

    private final Messengers messengers;
    private final Delivery delivery;

    @Activate
    public Receive(@Reference Messengers messengers, @Reference Delivery delivery) {
        super("receive");
        this.messengers = messengers;
        this.delivery = delivery;
    }

    record Params(double timeout, int maxMessages) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        if (delivery.subscribed(self)) {
            throw MessagingException.invalid("Receive command cannot be used if messages are already being received.");
        }
        messengers.require(self).startReceiving();
        Params p = call.params(Params.class);
        double timeout = p.timeout();
        int max = p.maxMessages();
        try {
            Delivery.Taken taken = delivery.take(self, max < 0 ? Integer.MAX_VALUE : max, timeout < 0 ? -1
                    : (long) (timeout * 1000));
            call.carries(taken.handover());
            return taken.envelopes();
        } catch (StorageException | IOException e) {
            throw MessagingException.io(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MessagingException.io("Interrupted while receiving");
        }
    }
}
