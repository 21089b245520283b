package org.signalbox.core.internal.methods;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.internal.account.AccountImpl;
import org.signalbox.core.internal.account.AccountManager;

/** {@code verify}: completes a {@code register}; the account is listed and usable from then on. */
@Component(service = RpcMethod.class)
public final class Verify extends BaseMethod {

    private final AccountManager accounts;

    @Activate
    public Verify(@Reference AccountManager accounts) {
        super("verify", MethodScope.REGISTRATION, "Completes the registration of a local account", """
                {"type":"object","properties":{
                  "verificationCode":{"type":"string","minLength":1},
                  "pin":{"type":"string"}},
                 "required":["verificationCode"]}""");
        this.accounts = accounts;
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        String number = call.accountNumber().orElseThrow();
        AccountImpl account = accounts.local(number).orElseThrow(() -> RpcException.user(
                "Verify called for " + number + " before register; register the account first"));
        try {
            accounts.markRegistered(account);
        } catch (StorageException e) {
            throw RpcException.io(e.getMessage());
        }
        return null;
    }
}
