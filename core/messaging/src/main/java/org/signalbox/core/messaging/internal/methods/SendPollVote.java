package org.signalbox.core.messaging.internal.methods;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.messenger.Messengers;

/**
 * {@code sendPollVote}: the voter's choice on the poll {@code pollAuthor} sent at {@code pollTimestamp};
 * {@code voteCount} numbers the voter's votes on it (default 1, which siggy leaves out).
 */
@Component(service = RpcMethod.class)
public final class SendPollVote extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public SendPollVote(@Reference Messengers messengers) {
        super("sendPollVote");
        this.messengers = messengers;
    }

    record Params(List<String> recipient, List<String> groupId, List<String> username, boolean noteToSelf,
            boolean notifySelf, String pollAuthor, long pollTimestamp, List<Integer> option, int voteCount)
            implements Polls.Targeted {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Params p = call.params(Params.class);
        return Sending.sendData(messengers, self, p, d -> d.setPollVote(Wire.PollVote.newBuilder()
                .setTargetAuthor(Sending.person(messengers, self, p.pollAuthor()))
                .setTargetSentTimestamp(p.pollTimestamp()).addAllOptionIndexes(p.option())
                .setVoteCount(p.voteCount())));
    }
}
