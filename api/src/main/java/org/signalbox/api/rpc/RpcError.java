package org.signalbox.api.rpc;

/** The JSON-RPC error classes signal-cli clients know, with the CLI exit status of each. */
public enum RpcError {
    USER(-1, 1),
    IO(-3, 3),
    UNTRUSTED_IDENTITY(-4, 4),
    RATE_LIMITED(-5, 5),
    CAPTCHA_REJECTED(-6, 6),
    PARSE_ERROR(-32700, 2),
    INVALID_REQUEST(-32600, 2),
    METHOD_NOT_FOUND(-32601, 1),
    INVALID_PARAMS(-32602, 1),
    INTERNAL(-32603, 2);

    private final int code;
    private final int exitStatus;

    RpcError(int code, int exitStatus) {
        this.code = code;
        this.exitStatus = exitStatus;
    }

    public int code() {
        return code;
    }

    /** The exit status of a one-shot CLI command that fails with this error (signal-cli's table). */
    public int exitStatus() {
        return exitStatus;
    }
}
