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

/** {@code sendPollTerminate}: closes the account's own poll sent at {@code pollTimestamp}. */
@Component(service = RpcMethod.class)
public final class SendPollTerminate extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendPollTerminate(@Reference Messengers messengers) {
        super("sendPollTerminate");
        this.messengers = messengers;
    }

    record Params(List<String> recipient, List<String> groupId, List<String> username, boolean noteToSelf,
            boolean notifySelf, long pollTimestamp) implements Polls.Targeted {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        return Sending.sendData(messengers, call.requireAccount(), p, d -> d.setPollTerminate(
                Wire.PollTerminate.newBuilder().setTargetSentTimestamp(p.pollTimestamp())));
    }
}
