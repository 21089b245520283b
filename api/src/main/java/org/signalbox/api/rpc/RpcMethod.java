package org.signalbox.api.rpc;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One JSON-RPC method. Register an implementation as an OSGi service and the engine serves it on every
 * transport, lists it in {@code rpc.discover}, and validates its params against its {@link #contract()} before
 * {@link #call} runs.
 */
@ConsumerType
public interface RpcMethod {

    /** The method's names, routing, params, result and errors; the same object for the service's lifetime. */
    MethodContract contract();

    /**
     * Runs the method. The returned value is serialised with Jackson and should match the contract's result
     * schema; {@code null} is answered as {@code {}} as signal-cli does.
     */
    Object call(RpcCall call) throws RpcException;
}
