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

/** {@code remoteDelete}: asks recipients to delete a message this account sent. */
@Component(service = RpcMethod.class)
public final class RemoteDelete extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public RemoteDelete(@Reference Messengers messengers) {
        super("remoteDelete");
        this.messengers = messengers;
    }

    record Params(List<String> recipient, List<String> groupId, List<String> username, boolean noteToSelf,
            boolean notifySelf, long targetTimestamp) implements Sending.Addressed {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Params p = call.params(Params.class);
        return Sending.sendData(messengers, self, p, d -> d.setRemoteDelete(Wire.RemoteDelete.newBuilder()
                .setTargetSentTimestamp(p.targetTimestamp())));
    }
}
