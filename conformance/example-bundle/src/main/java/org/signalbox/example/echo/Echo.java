package org.signalbox.example.echo;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/** {@code echo}: returns its text, repeated; an account named with it must exist. Its contract is echo.json. */
@Component(service = RpcMethod.class)
public final class Echo extends AbstractRpcMethod {

    public Echo() {
        super(MethodContract.load(Echo.class, "echo"));
    }

    /** The params as echo.json states them: text is required, times defaults to 1. */
    record Params(String text, int times) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        Params p = call.params(Params.class);
        if (p.text().isBlank()) {
            throw RpcException.user("Nothing to echo");
        }
        return Map.of("text", p.text().repeat(p.times()), "account", call.account().map(a -> a.number()).orElse(""));
    }
}
