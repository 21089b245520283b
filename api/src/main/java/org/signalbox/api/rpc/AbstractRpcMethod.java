package org.signalbox.api.rpc;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A method whose contract is read once, when it is made, usually from the JSON file beside its class:
 * {@code super(MethodContract.load(Send.class, "send"))}. Subclasses implement {@link #call}.
 */
@ConsumerType
public abstract class AbstractRpcMethod implements RpcMethod {

    private final MethodContract contract;

    protected AbstractRpcMethod(MethodContract contract) {
        this.contract = java.util.Objects.requireNonNull(contract, "contract");
    }

    @Override
    public final MethodContract contract() {
        return contract;
    }
}
