package org.signalbox.example.echo;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/** {@code echo}: returns its text, repeated; an account named with it must exist. */
@Component(service = RpcMethod.class)
public final class Echo implements RpcMethod {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public MethodScope scope() {
        return MethodScope.ANY;
    }

    @Override
    public String summary() {
        return "Returns its text (an example third-party method)";
    }

    @Override
    public String paramsSchema() {
        return """
                {"type":"object","properties":{
                  "text":{"type":"string"},
                  "times":{"type":"integer","minimum":1,"maximum":100,"default":1}},
                 "required":["text"]}""";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        String text = call.params().get("text").asText();
        if (text.isBlank()) {
            throw RpcException.user("Nothing to echo");
        }
        return Map.of("text", text.repeat(call.params().get("times").asInt()),
                "account", call.account().map(a -> a.number()).orElse(""));
    }
}
