package org.signalbox.api.rpc;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One JSON-RPC method. Register an implementation as an OSGi service and the engine serves it on every
 * transport, lists it in {@code rpc.discover}, and validates its params before {@link #call} runs.
 */
@ConsumerType
public interface RpcMethod {

    /** The wire name, e.g. {@code listContacts}. */
    String name();

    /** Other wire names served by the same handler (signal-cli clients use some non-standard names). */
    default Set<String> aliases() {
        return Set.of();
    }

    /** How the {@code account} param is routed for this method. */
    MethodScope scope();

    /**
     * JSON Schema (draft 2020-12) of the params object, as the handler wants to see it: camelCase names, list
     * params as arrays under their singular name. The engine normalises signal-cli's spellings (kebab-case,
     * plural names, scalar-for-list, one-element array for a scalar) against this schema, applies its
     * {@code default}s and rejects what does not validate with -32602 before the handler runs.
     */
    String paramsSchema();

    /**
     * Names given to positional params, in order, for methods that accept params as a JSON array (signal-cli's
     * Rust client unsubscribes with {@code [id]}). Empty: an array is an invalid request.
     */
    default List<String> positionalParams() {
        return List.of();
    }

    /**
     * Whether the method only reads. A one-shot CLI command for a read-only method opens accounts without
     * locking them, so it answers even while a daemon holds the account.
     */
    default boolean readOnly() {
        return false;
    }

    /**
     * Whether the method only makes sense on a lasting connection ({@code subscribeReceive} and the like). Such
     * methods answer -32601 on per-request connections (HTTP), as signal-cli's {@code --http} does.
     */
    default boolean sessionBound() {
        return false;
    }

    /** One line for {@code rpc.discover} and {@code --help}. */
    default String summary() {
        return "";
    }

    /**
     * Runs the method. The returned value is serialised with Jackson; {@code null} is answered as {@code {}}
     * as signal-cli does.
     */
    Object call(RpcCall call) throws RpcException;
}
