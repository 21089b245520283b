package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code acknowledgeReceive {delivery: [ids]}}, Signalbox's extension for clients that want each message once
 * and none lost: the deliveries of a {@code subscribeReceive {acknowledge: true}} subscription leave the store
 * when acknowledged here (docs/protocol/receive-acknowledgements.md).
 */
@Component(service = RpcMethod.class)
public final class AcknowledgeReceive extends BaseMethod {

    public AcknowledgeReceive() {
        super("acknowledgeReceive");
    }

    record Params(List<Long> delivery) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        return Map.of("acknowledged", call.session().acknowledge(call.params(Params.class).delivery()));
    }
}
