package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.account.AccountImpl;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code register}: creates the account locally, with keys from libsignal. The account becomes usable after
 * {@code verify}. See docs/protocol/registration.md for how this maps onto Signalbox's own server.
 */
@Component(service = RpcMethod.class)
public final class Register extends BaseMethod {

    private final AccountManager accounts;

    @Activate
    public Register(@Reference AccountManager accounts) {
        super("register");
        this.accounts = accounts;
    }

    /** {@code voice} and {@code captcha} are accepted as signal-cli does; the local server asks for neither. */
    record Params(boolean voice, String captcha, boolean reregister) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        String number = call.accountNumber().orElseThrow();
        Recipient r = Recipient.parse(number);
        if (r.number() == null || !r.number().equals(number)) {
            throw MessagingException.invalid("Invalid phone number '" + number
                    + "': an account is named by its E.164 number, e.g. +15550001111");
        }
        try {
            AccountImpl account = accounts.create(number);
            if (account.registered() && !call.params(Params.class).reregister()) {
                throw MessagingException.invalid("User " + number + " is already registered; pass reregister to register again");
            }
        } catch (StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        return null;
    }
}
