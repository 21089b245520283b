package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.Configuration;
import org.signalbox.core.messaging.internal.data.MessagingException;


/** {@code updateConfiguration}: account settings; only the flags given change. */
@Component(service = RpcMethod.class)
public final class UpdateConfiguration extends BaseMethod {

    public UpdateConfiguration() {
        super("updateConfiguration");
    }

    /** Each setting is null when not given. */
    record Params(Boolean readReceipts, Boolean unidentifiedDeliveryIndicators, Boolean typingIndicators,
            Boolean linkPreviews) {
    }

    private static boolean or(Boolean given, boolean old) {
        return given != null ? given : old;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            Configuration c = data.configuration();
            data.put(new Configuration(
                    or(p.readReceipts(), c.readReceipts()),
                    or(p.unidentifiedDeliveryIndicators(), c.unidentifiedDeliveryIndicators()),
                    or(p.typingIndicators(), c.typingIndicators()),
                    or(p.linkPreviews(), c.linkPreviews())));
            return null;
        });
    }
}
