package org.signalbox.api.rpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a method reports to its caller. The engine answers it as a JSON-RPC error with this class's code,
 * message and data; {@link #data()} is {@code null} unless a caller needs more (the param at fault, or the
 * partial result signal-cli returns as {@code data.response}).
 */
public class RpcException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RpcError error;
    private final transient Object data;

    public RpcException(RpcError error, String message, Object data) {
        super(message);
        this.error = error;
        this.data = data;
    }

    public RpcException(RpcError error, String message) {
        this(error, message, null);
    }

    public RpcError error() {
        return error;
    }

    public Object data() {
        return data;
    }

    /** -1: bad input the method itself detected ({@code No recipients given}). */
    public static RpcException user(String message) {
        return new RpcException(RpcError.USER, message);
    }

    /** -3: network or storage failure. */
    public static RpcException io(String message) {
        return new RpcException(RpcError.IO, message);
    }

    /**
     * -32602 naming the param and the problem ({@code required}, {@code type}, {@code value}, ...), as
     * {@code data: {"param": ..., "problem": ...}}.
     */
    public static RpcException invalidParams(String param, String problem, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("param", param);
        data.put("problem", problem);
        return new RpcException(RpcError.INVALID_PARAMS, message, data);
    }

    /** A failure after a result was produced: the result travels as {@code data.response}. */
    public static RpcException withResponse(RpcError error, String message, Object response) {
        return new RpcException(error, message, Map.of("response", response));
    }
}
