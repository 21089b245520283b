package org.signalbox.core.engine.internal;

import java.util.Iterator;
import java.util.Map;

import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code rpc.discover}: an OpenRPC document generated from the methods registered right now. */
final class DiscoverMethod extends AbstractRpcMethod {

    private final MethodRegistry methods;

    DiscoverMethod(MethodRegistry methods) {
        super("rpc.discover", MethodScope.ANY, "Describes every method this daemon serves (OpenRPC 1.3)",
                "{\"type\":\"object\"}");
        this.methods = methods;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Object call(RpcCall call) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openrpc", "1.3.2");
        doc.putObject("info").put("title", "Signalbox JSON-RPC").put("version", Version.get());
        ArrayNode list = doc.putArray("methods");
        for (MethodRegistry.Entry e : methods.all()) {
            ObjectNode m = list.addObject();
            m.put("name", e.method().name());
            if (!e.method().summary().isEmpty()) {
                m.put("summary", e.method().summary());
            }
            m.put("paramStructure", e.method().positionalParams().isEmpty() ? "by-name" : "either");
            m.put("x-signalbox-scope", e.method().scope().name());
            if (!e.method().aliases().isEmpty()) {
                m.set("x-signalbox-aliases", Json.MAPPER.valueToTree(e.method().aliases()));
            }
            ArrayNode params = m.putArray("params");
            JsonNode required = e.schema().path("required");
            for (Iterator<Map.Entry<String, JsonNode>> it = e.schema().path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                ObjectNode param = params.addObject();
                param.put("name", p.getKey());
                param.set("schema", p.getValue());
                param.put("required", contains(required, p.getKey()));
            }
            m.putObject("result").put("name", "result").putObject("schema");
        }
        return doc;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
