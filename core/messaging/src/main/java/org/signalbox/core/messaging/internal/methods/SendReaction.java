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
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code sendReaction}: an emoji on someone's message, or its removal. */
@Component(service = RpcMethod.class)
public final class SendReaction extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendReaction(@Reference Messengers messengers) {
        super("sendReaction");
        this.messengers = messengers;
    }

    /** {@code story} is accepted as signal-cli does; Signalbox has no stories. */
    record Params(List<String> recipient, List<String> groupId, List<String> username, boolean noteToSelf,
            boolean notifySelf, String emoji, String targetAuthor, long targetTimestamp, boolean remove, boolean story)
            implements Sending.Addressed {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Params p = call.params(Params.class);
        return Sending.sendData(messengers, self, p, d -> d.setReaction(Wire.Reaction.newBuilder()
                .setEmoji(p.emoji()).setRemove(p.remove())
                .setTargetAuthor(Sending.person(messengers, self, p.targetAuthor()))
                .setTargetSentTimestamp(p.targetTimestamp())));
    }
}
