package org.signalbox.core.engine.internal;

import org.signalbox.api.rpc.RpcError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds response and notification objects with signal-cli's member order. */
final class Responses {

    private Responses() {
    }

    static ObjectNode result(JsonNode id, Object result) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("jsonrpc", "2.0");
        JsonNode value = result == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(result);
        r.set("result", value.isNull() ? Json.MAPPER.createObjectNode() : value);
        r.set("id", id);
        return r;
    }

    static ObjectNode error(JsonNode id, int code, String message, Object data) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("jsonrpc", "2.0");
        ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.set("data", data == null ? NullNode.instance : Json.MAPPER.valueToTree(data));
        r.set("id", id == null ? NullNode.instance : id);
        return r;
    }

    static ObjectNode error(JsonNode id, RpcError error, String message) {
        return error(id, error.code(), message, null);
    }

    static ObjectNode notification(String method, Object params) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("jsonrpc", "2.0");
        r.put("method", method);
        r.set("params", Json.MAPPER.valueToTree(params));
        return r;
    }
}
