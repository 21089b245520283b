package org.signalbox.core.internal.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.internal.data.AccountData;

/** {@code listDevices}: this device; linked devices come with device linking. */
@Component(service = RpcMethod.class)
public final class ListDevices extends QueryMethod {

    public ListDevices() {
        super("listDevices", MethodScope.ACCOUNT, "Lists the account's devices", "{\"type\":\"object\"}");
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        Account self = call.requireAccount();
        Map<String, Object> state = AccountData.of(self).state();
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", self.deviceId());
        device.put("name", state.get("deviceName"));
        device.put("createdTimestamp", state.get("createdTimestamp"));
        device.put("lastSeenTimestamp", System.currentTimeMillis());
        return List.of(device);
    }
}
