package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.account.AccountImpl;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.messenger.Messengers;

/**
 * {@code unregister}: the server deletes the device's registration and keys, so nobody can start a session with it,
 * and the account is no longer registered here until {@code register} and {@code verify} run again. With
 * {@code deleteAccount} its local data goes too; the server's directory keeps the number with that identity until
 * another identity claims it by registering (with the registration-lock PIN, if one was set).
 */
@Component(service = RpcMethod.class)
public final class Unregister extends BaseMethod {

    private final AccountManager accounts;
    private final Messengers messengers;

    @Activate
    public Unregister(@Reference AccountManager accounts, @Reference Messengers messengers) {
        super("unregister");
        this.accounts = accounts;
        this.messengers = messengers;
    }

    record Params(boolean deleteAccount) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        AccountImpl account = (AccountImpl) call.requireAccount();
        Params p = call.params(Params.class);
        try {
            messengers.require(account).unregister();
            messengers.forget(account.number());
            accounts.markRegistered(account, false);
            if (p.deleteAccount()) {
                accounts.delete(account.number());
            }
        } catch (IOException e) {
            throw MessagingException.io("Cannot unregister " + account.number() + ": " + e.getMessage());
        } catch (StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        return null;
    }
}
