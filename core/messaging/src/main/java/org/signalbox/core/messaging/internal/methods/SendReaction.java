package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code sendReaction}: an emoji on someone's message, or its removal. */
@Component(service = RpcMethod.class)
public final class SendReaction extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendReaction(@Reference Messengers messengers) {
        super("sendReaction", MethodScope.ACCOUNT, "Reacts to a message with an emoji", """
                {"type":"object","properties":{""" + Sending.TARGETS + """
                  ,"emoji":{"type":"string","minLength":1},
                  "targetAuthor":{"type":"string"},
                  "targetTimestamp":{"type":"integer"},
                  "remove":{"type":"boolean","default":false},
                  "story":{"type":"boolean","default":false}},
                 "required":["emoji","targetAuthor","targetTimestamp"]}""");
        this.messengers = messengers;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Sending.Targets targets = Sending.targets(call, self);
        Wire.Person author;
        try {
            author = messengers.require(self).person(Recipient.parse(Params.text(call.params(), "targetAuthor")));
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        long timestamp = MessageClock.next();
        Wire.DataMessage d = Wire.DataMessage.newBuilder().setTimestamp(timestamp)
                .setReaction(Wire.Reaction.newBuilder().setEmoji(Params.text(call.params(), "emoji"))
                        .setRemove(Params.flag(call.params(), "remove")).setTargetAuthor(author)
                        .setTargetSentTimestamp(call.params().get("targetTimestamp").asLong()))
                .build();
        return Sending.send(messengers, self, targets, timestamp,
                group -> Sending.content(timestamp).setDataMessage(Send.withGroup(d, group)).build());
    }
}
