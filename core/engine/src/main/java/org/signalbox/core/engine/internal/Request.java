package org.signalbox.core.engine.internal;

import java.util.Iterator;
import java.util.Set;

import org.signalbox.api.rpc.RpcError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One element of the input, checked in the order signal-cli checks it. Either a request to run, a reply from
 * the client (ignored), or an invalid request with the error to answer.
 *
 * @param id the id member as sent; null when absent (a notification)
 */
record Request(JsonNode id, String method, JsonNode params, ObjectNode invalid) {

    private static final Set<String> MEMBERS = Set.of("jsonrpc", "method", "params", "id");

    boolean isNotification() {
        return id == null;
    }

    boolean isValid() {
        return invalid == null;
    }

    /** Returns null for an object that is a response from the client, which is ignored. */
    static Request of(JsonNode element) {
        if (!element.isObject()) {
            return invalid(null, "unexpected type: " + element.getNodeType());
        }
        if (element.has("result") || element.has("error")) {
            return null;
        }
        JsonNode id = element.get("id");
        JsonNode idForErrors = id != null && id.isContainerNode() ? null : id;
        for (Iterator<String> names = element.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                return invalid(idForErrors, "Unrecognized field \"" + name
                        + "\": a request has only jsonrpc, method, params and id");
            }
        }
        if (id != null && id.isContainerNode()) {
            return invalid(null, "id must be a string, number or null");
        }
        JsonNode params = element.get("params");
        if (params != null && params.isNull()) {
            params = null;
        }
        if (params != null && !params.isContainerNode()) {
            return invalid(id, "params must be an object or an array, not " + params.getNodeType());
        }
        JsonNode version = element.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return invalid(id, "only jsonrpc version 2.0 is supported");
        }
        JsonNode method = element.get("method");
        if (method == null || method.isNull()) {
            return invalid(id, "method field must be set");
        }
        // signal-cli reads a non-string method as its text, which then names no method
        return new Request(id, method.isValueNode() ? method.asText() : method.toString(), params, null);
    }

    private static Request invalid(JsonNode id, String message) {
        return new Request(id, null, null, Responses.error(id, RpcError.INVALID_REQUEST, message));
    }
}
