package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.Configuration;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code updateConfiguration}: account settings; only the flags given change. */
@Component(service = RpcMethod.class)
public final class UpdateConfiguration extends BaseMethod {

    public UpdateConfiguration() {
        super("updateConfiguration", MethodScope.ACCOUNT, "Updates the account's settings", """
                {"type":"object","properties":{
                  "readReceipts":{"type":"boolean"},
                  "unidentifiedDeliveryIndicators":{"type":"boolean"},
                  "typingIndicators":{"type":"boolean"},
                  "linkPreviews":{"type":"boolean"}}}""");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        ObjectNode p = call.params();
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            Configuration c = data.configuration();
            data.put(new Configuration(
                    p.path("readReceipts").asBoolean(c.readReceipts()),
                    p.path("unidentifiedDeliveryIndicators").asBoolean(c.unidentifiedDeliveryIndicators()),
                    p.path("typingIndicators").asBoolean(c.typingIndicators()),
                    p.path("linkPreviews").asBoolean(c.linkPreviews())));
            return null;
        });
    }
}
