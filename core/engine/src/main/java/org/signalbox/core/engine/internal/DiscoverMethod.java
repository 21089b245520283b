package org.signalbox.core.engine.internal;

import java.util.Iterator;
import java.util.Map;

import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code rpc.discover}: an OpenRPC document generated from the methods registered right now. */
final class DiscoverMethod extends AbstractRpcMethod {

    private final MethodRegistry methods;

    DiscoverMethod(MethodRegistry methods) {
        super(MethodContract.load(DiscoverMethod.class, "rpc.discover"));
        this.methods = methods;
    }

    @Override
    public Object call(RpcCall call) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openrpc", "1.3.2");
        doc.putObject("info").put("title", "Signalbox JSON-RPC").put("version", Version.signalbox());
        ArrayNode list = doc.putArray("methods");
        for (MethodRegistry.Entry e : methods.all()) {
            list.add(describe(e.contract()));
        }
        return doc;
    }

    /** One method as OpenRPC describes it, with what OpenRPC has no word for under {@code x-signalbox-*}. */
    static ObjectNode describe(MethodContract contract) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("name", contract.name());
        m.put("summary", contract.summary());
        if (!contract.description().isEmpty()) {
            m.put("description", contract.description());
        }
        m.put("paramStructure", contract.positionalParams().isEmpty() ? "by-name" : "either");
        m.put("x-signalbox-scope", contract.scope().name());
        m.put("x-signalbox-read-only", contract.readOnly());
        m.put("x-signalbox-session-bound", contract.sessionBound());
        if (!contract.aliases().isEmpty()) {
            m.set("x-signalbox-aliases", Json.MAPPER.valueToTree(new java.util.TreeSet<>(contract.aliases())));
        }
        ObjectNode schema = contract.params();
        ArrayNode params = m.putArray("params");
        JsonNode required = schema.path("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            ObjectNode param = params.addObject();
            param.put("name", p.getKey());
            param.set("schema", p.getValue());
            param.put("required", contains(required, p.getKey()));
        }
        m.putObject("result").put("name", "result").set("schema", contract.result());
        ArrayNode errors = m.putArray("errors");
        for (MethodContract.ErrorCase error : contract.errors()) {
            errors.addObject().put("code", error.code()).put("message", error.when());
        }
        return m;
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
