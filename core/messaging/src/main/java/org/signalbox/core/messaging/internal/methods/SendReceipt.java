package org.signalbox.core.messaging.internal.methods;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code sendReceipt}: a read (default) or viewed receipt for messages of one recipient. */
@Component(service = RpcMethod.class)
public final class SendReceipt extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendReceipt(@Reference Messengers messengers) {
        super("sendReceipt");
        this.messengers = messengers;
    }

    record Params(String recipient, List<Long> targetTimestamp, String type) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Params p = call.params(Params.class);
        Recipient to = Recipient.parse(p.recipient());
        String type = p.type();
        Wire.ReceiptMessage.Type kind = switch (type) {
            case "read" -> Wire.ReceiptMessage.Type.READ;
            case "viewed" -> Wire.ReceiptMessage.Type.VIEWED;
            default -> throw MessagingException.invalid("Unknown receipt type: " + type);
        };
        List<Long> timestamps = p.targetTimestamp();
        long timestamp = MessageClock.next();
        Wire.Content content = Sending.content(timestamp).setReceiptMessage(
                Wire.ReceiptMessage.newBuilder().setType(kind).addAllTimestamps(timestamps)).build();
        return Sending.send(messengers, self, new Sending.Targets(List.of(to), List.of(), false), timestamp,
                group -> content);
    }
}
