package org.signalbox.core.messaging.internal.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.account.AccountState;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** {@code listDevices}: this device; linked devices come with device linking. */
@Component(service = RpcMethod.class)
public final class ListDevices extends BaseMethod {

    private final AccountManager accounts;

    @Activate
    public ListDevices(@Reference AccountManager accounts) {
        super("listDevices");
        this.accounts = accounts;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        AccountState state = accounts.local(self.number()).orElseThrow().state();
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", self.deviceId());
        device.put("name", state.deviceName());
        device.put("createdTimestamp", state.createdTimestamp());
        device.put("lastSeenTimestamp", System.currentTimeMillis());
        return List.of(device);
    }
}
