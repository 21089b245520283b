package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code deleteLocalAccountData}: removes the account's folder and its accounts.json entry. */
@Component(service = RpcMethod.class)
public final class DeleteLocalAccountData extends BaseMethod {

    private final AccountManager accounts;
    private final Messengers messengers;

    @Activate
    public DeleteLocalAccountData(@Reference AccountManager accounts, @Reference Messengers messengers) {
        super("deleteLocalAccountData");
        this.accounts = accounts;
        this.messengers = messengers;
    }

    record Params(boolean ignoreRegistered) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        String number = call.accountNumber().orElseThrow();
        boolean registered = accounts.local(number).map(a -> a.registered()).orElse(false);
        if (registered && !call.params(Params.class).ignoreRegistered()) {
            throw MessagingException.invalid("Not deleting account, it is still registered. "
                    + "Use --ignore-registered (ignoreRegistered) to delete it anyway.");
        }
        try {
            messengers.forget(number);
            accounts.delete(number);
        } catch (StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        return null;
    }
}
