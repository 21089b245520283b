package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.Base64;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.google.protobuf.ByteString;

/** {@code sendTyping}: typing started, or stopped with {@code stop}. */
@Component(service = RpcMethod.class)
public class SendTyping extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendTyping(@Reference Messengers messengers) {
        this("sendTyping", messengers);
    }

    SendTyping(String name, Messengers messengers) {
        super(name);
        this.messengers = messengers;
    }

    record Params(List<String> recipient, List<String> groupId, boolean stop) implements Sending.Addressed {
    }

    @Override
    final Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Params p = call.params(Params.class);
        Sending.Targets targets = Sending.targets(p, self);
        long timestamp = MessageClock.next();
        Wire.TypingMessage.Action action = p.stop() ? Wire.TypingMessage.Action.STOPPED
                : Wire.TypingMessage.Action.STARTED;
        return Sending.send(messengers, self, targets, timestamp, group -> {
            Wire.TypingMessage.Builder t = Wire.TypingMessage.newBuilder().setTimestamp(timestamp).setAction(action);
            group.ifPresent(g -> t.setGroupId(ByteString.copyFrom(Base64.getDecoder().decode(g.id()))));
            return Sending.content(timestamp).setTypingMessage(t).build();
        });
    }
}
