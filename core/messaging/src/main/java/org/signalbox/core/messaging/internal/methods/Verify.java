package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.account.AccountImpl;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.messenger.Messenger;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.network.ServerError;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code verify}: completes a {@code register} by registering the account with the messaging server; the
 * verification code is passed as the server's registration token (docs/protocol/registration.md). The account
 * is listed and usable from then on.
 */
@Component(service = RpcMethod.class)
public final class Verify extends BaseMethod {

    private final AccountManager accounts;
    private final Messengers messengers;

    @Activate
    public Verify(@Reference AccountManager accounts, @Reference Messengers messengers) {
        super("verify");
        this.accounts = accounts;
        this.messengers = messengers;
    }

    record Params(String verificationCode, String pin) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        String number = call.accountNumber().orElseThrow();
        AccountImpl account = accounts.local(number).orElseThrow(() -> MessagingException.invalid(
                "Verify called for " + number + " before register; register the account first"));
        try {
            Messenger messenger = messengers.require(account);
            Params p = call.params(Params.class);
            messenger.register(p.verificationCode(), p.pin());
            accounts.markRegistered(account);
            messenger.startReceiving();
        } catch (ServerError e) {
            if (e.is("registration_token_required")) {
                throw MessagingException.invalid("Verify failed: the messaging server requires its registration token as "
                        + "the verification code");
            }
            if (e.is("registration_locked") || e.is("rate_limited")) {
                throw MessagingException.invalid("Verification failed: " + e.description());
            }
            throw MessagingException.io("Verify failed: " + e.getMessage());
        } catch (StorageException | IOException e) {
            throw MessagingException.io(e.getMessage());
        }
        return null;
    }
}
