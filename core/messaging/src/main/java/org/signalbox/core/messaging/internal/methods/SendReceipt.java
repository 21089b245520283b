package org.signalbox.core.messaging.internal.methods;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
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
        super("sendReceipt", MethodScope.ACCOUNT, "Sends a read or viewed receipt", """
                {"type":"object","properties":{
                  "recipient":{"type":"string"},
                  "targetTimestamp":{"type":"array","items":{"type":"integer"},"minItems":1},
                  "type":{"type":"string","default":"read"}},
                 "required":["recipient","targetTimestamp"]}""");
        this.messengers = messengers;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Recipient to = Recipient.parse(Params.text(call.params(), "recipient"));
        String type = Params.text(call.params(), "type");
        Wire.ReceiptMessage.Type kind = switch (type) {
            case "read" -> Wire.ReceiptMessage.Type.READ;
            case "viewed" -> Wire.ReceiptMessage.Type.VIEWED;
            default -> throw MessagingException.invalid("Unknown receipt type: " + type);
        };
        List<Long> timestamps = new ArrayList<>();
        call.params().get("targetTimestamp").forEach(t -> timestamps.add(t.asLong()));
        long timestamp = MessageClock.next();
        Wire.Content content = Sending.content(timestamp).setReceiptMessage(
                Wire.ReceiptMessage.newBuilder().setType(kind).addAllTimestamps(timestamps)).build();
        return Sending.send(messengers, self, new Sending.Targets(List.of(to), List.of(), false), timestamp,
                group -> content);
    }
}
