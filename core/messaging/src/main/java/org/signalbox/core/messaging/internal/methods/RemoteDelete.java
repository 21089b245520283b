package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code remoteDelete}: asks recipients to delete a message this account sent. */
@Component(service = RpcMethod.class)
public final class RemoteDelete extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public RemoteDelete(@Reference Messengers messengers) {
        super("remoteDelete", MethodScope.ACCOUNT, "Deletes a sent message for its recipients", """
                {"type":"object","properties":{""" + Sending.TARGETS + """
                  ,"targetTimestamp":{"type":"integer"}},
                 "required":["targetTimestamp"]}""");
        this.messengers = messengers;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Sending.Targets targets = Sending.targets(call, self);
        long timestamp = MessageClock.next();
        Wire.DataMessage d = Wire.DataMessage.newBuilder().setTimestamp(timestamp)
                .setRemoteDelete(Wire.RemoteDelete.newBuilder()
                        .setTargetSentTimestamp(call.params().get("targetTimestamp").asLong()))
                .build();
        return Sending.send(messengers, self, targets, timestamp,
                group -> Sending.content(timestamp).setDataMessage(Send.withGroup(d, group)).build());
    }
}
