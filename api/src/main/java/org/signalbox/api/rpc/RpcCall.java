package org.signalbox.api.rpc;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.session.Session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a method handler gets: validated params, the routed account and the calling session. */
@ProviderType
public interface RpcCall {

    /** The params after normalisation, validation and defaults, as a tree; never null. */
    ObjectNode params();

    /**
     * The params bound once to {@code type}, usually a record whose components are the contract's params: the
     * JSON was validated against the schema, and binding coerces nothing the schema does not allow (no text for
     * a number, no number for a flag, no fraction for an integer). A param absent and without default is
     * {@code null}; state a {@code default} (such as {@code []} for a list) where a method wants a value.
     *
     * @throws RpcException -32602 naming the param when a value does not fit the type (a number beyond an
     *     {@code int}), and -32603 when the type does not match the contract (a bug in the method)
     */
    <T> T params(Class<T> type) throws RpcException;

    /**
     * The account the call was routed to. Present for {@link MethodScope#ACCOUNT} methods, and for
     * {@link MethodScope#ANY} methods when an account was named or the connection is bound to one.
     */
    Optional<Account> account();

    /** The routed account, or an error for a method that needs one. */
    default Account requireAccount() throws RpcException {
        return account().orElseThrow(() -> new RpcException(RpcError.INVALID_PARAMS,
                "Method requires valid account parameter"));
    }

    /** For {@link MethodScope#REGISTRATION} methods: the number named by {@code account}. */
    Optional<String> accountNumber();

    Accounts accounts();

    Session session();

    /**
     * Says that the answer to this call carries stored messages: {@code handover} learns whether the client kept
     * it (returned if the call fails or its answer cannot be written).
     */
    void carries(org.signalbox.api.session.Handover handover);
}
