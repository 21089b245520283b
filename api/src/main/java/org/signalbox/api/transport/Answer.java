package org.signalbox.api.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The engine's answer to an in-process client's request: a result, or a failure as the JSON-RPC error it is.
 *
 * @param result the result ({@code {}} for a method that returns nothing); a missing node when it failed
 * @param failure the error, or null when it succeeded
 */
public record Answer(JsonNode result, Failure failure) {

    /** A JSON-RPC error: code, message and {@code data} (a missing node when it has none). */
    public record Failure(int code, String message, JsonNode data) {
    }

    public static Answer failed(int code, String message) {
        return new Answer(MissingNode.getInstance(), new Failure(code, message, MissingNode.getInstance()));
    }

    public boolean failed() {
        return failure != null;
    }
}
