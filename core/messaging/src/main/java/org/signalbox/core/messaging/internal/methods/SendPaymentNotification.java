package org.signalbox.core.messaging.internal.methods;

import java.util.Base64;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.data.Recipient;

/**
 * {@code sendPaymentNotification}: a payment notification carries a MobileCoin receipt, and MobileCoin exists only on
 * the Signal service, so a Signalbox server has nothing such a receipt could refer to. The params are checked as
 * signal-cli checks them, so a client learns of its own mistakes first, then the call says plainly that it is missing.
 */
@Component(service = RpcMethod.class)
public final class SendPaymentNotification extends BaseMethod {

    static final String UNSUPPORTED =
            "Payment notifications are not supported by Signalbox: MobileCoin payments exist only on the Signal service";

    public SendPaymentNotification() {
        super("sendPaymentNotification");
    }

    record Params(String recipient, String receipt, String note) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        call.requireAccount();
        Params p = call.params(Params.class);
        Recipient.parse(p.recipient());
        try {
            Base64.getDecoder().decode(p.receipt());
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("receipt", "value",
                    "Invalid params: receipt is not a base64 MobileCoin receipt");
        }
        throw MessagingException.invalid(UNSUPPORTED);
    }
}
