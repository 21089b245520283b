package org.signalbox.core.messaging.internal.methods;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.messenger.Messengers;

/** {@code sendPollCreate}: a question with two to ten options; {@code noMulti} allows one choice per voter. */
@Component(service = RpcMethod.class)
public final class SendPollCreate extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendPollCreate(@Reference Messengers messengers) {
        super("sendPollCreate");
        this.messengers = messengers;
    }

    record Params(List<String> recipient, List<String> groupId, List<String> username, boolean noteToSelf,
            boolean notifySelf, String question, List<String> option, boolean noMulti) implements Polls.Targeted {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        Polls.checkOptions(p.option());
        return Sending.sendData(messengers, call.requireAccount(), p, d -> d.setPollCreate(Wire.PollCreate.newBuilder()
                .setQuestion(p.question()).setAllowMultiple(!p.noMulti()).addAllOptions(p.option())));
    }
}
