package org.signalbox.core.messaging.internal.methods;

import java.util.Base64;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code getAttachment}: a received attachment's bytes, base64, by the id its envelope gave. */
@Component(service = RpcMethod.class)
public final class GetAttachment extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public GetAttachment(@Reference Messengers messengers) {
        super("getAttachment");
        this.messengers = messengers;
    }

    /** recipient and groupId are accepted as signal-cli does; attachment ids are unique without them. */
    record Params(String id, String recipient, String groupId) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        call.requireAccount();
        String id = call.params(Params.class).id();
        if (id == null) {
            throw MessagingException.invalid("Missing attachment id parameter");
        }
        return Map.of("data", Base64.getEncoder().encodeToString(messengers.attachments().load(id)));
    }
}
