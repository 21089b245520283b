package org.signalbox.core.engine.internal;

import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.transport.ConnectionOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** signal-cli's {@code account} routing; the -32602 texts are matched by clients and stay verbatim. */
final class Routing {

    static final String REQUIRES_ACCOUNT = "Method requires valid account parameter";
    static final String REQUIRES_REGISTRATION_ACCOUNT = "Method requires account parameter";
    static final String NO_SUCH_ACCOUNT = "Specified account does not exist";
    static final String NOT_IMPLEMENTED = "Method not implemented";

    private static final System.Logger LOG = System.getLogger(Routing.class.getSimpleName());

    /** Where a call goes. */
    record Target(Optional<Account> account, Optional<String> number) {
        static final Target NONE = new Target(Optional.empty(), Optional.empty());
    }

    private final Accounts accounts;
    private final boolean strictAccount;

    Routing(Accounts accounts, boolean strictAccount) {
        this.accounts = accounts;
        this.strictAccount = strictAccount;
    }

    /** Routes the call and removes {@code account} from {@code params} where signal-cli does. */
    Target route(MethodScope scope, ObjectNode params, ConnectionOptions options) throws RpcException {
        return options.account().isPresent()
                ? single(scope, params, options.account().get())
                : multi(scope, params);
    }

    private Target single(MethodScope scope, ObjectNode params, String active) throws RpcException {
        if (scope == MethodScope.MULTI_ACCOUNT || scope == MethodScope.REGISTRATION) {
            throw new RpcException(RpcError.METHOD_NOT_FOUND, NOT_IMPLEMENTED);
        }
        Account account = accounts.find(active)
                .orElseThrow(() -> new RpcException(RpcError.INVALID_PARAMS, NO_SUCH_ACCOUNT));
        JsonNode named = params.remove("account");
        if (named != null && !named.isNull() && !names(account, text(named))) {
            if (strictAccount) {
                throw new RpcException(RpcError.INVALID_PARAMS,
                        "This daemon serves only " + active + ", not " + text(named));
            }
            LOG.log(System.Logger.Level.WARNING, "Request names account " + text(named)
                    + " but this daemon serves only " + active + "; serving " + active);
        }
        return new Target(Optional.of(account), Optional.of(active));
    }

    private Target multi(MethodScope scope, ObjectNode params) throws RpcException {
        JsonNode named = params.get("account");
        boolean given = named != null && !named.isNull();
        switch (scope) {
            case MULTI_ACCOUNT:
                return Target.NONE;
            case REGISTRATION:
                params.remove("account");
                if (!given) {
                    throw new RpcException(RpcError.INVALID_PARAMS, REQUIRES_REGISTRATION_ACCOUNT);
                }
                return new Target(Optional.empty(), Optional.of(text(named)));
            case ANY:
            case ACCOUNT:
            default:
                params.remove("account");
                if (given) {
                    Account a = accounts.find(text(named))
                            .orElseThrow(() -> new RpcException(RpcError.INVALID_PARAMS, NO_SUCH_ACCOUNT));
                    return new Target(Optional.of(a), Optional.of(a.number()));
                }
                if (scope == MethodScope.ANY) {
                    return Target.NONE;
                }
                var all = accounts.list();
                if (all.size() != 1) {
                    throw new RpcException(RpcError.INVALID_PARAMS, REQUIRES_ACCOUNT);
                }
                return new Target(Optional.of(all.get(0)), Optional.of(all.get(0).number()));
        }
    }

    private static boolean names(Account account, String numberOrUuid) {
        return account.number().equals(numberOrUuid) || account.uuid().toString().equalsIgnoreCase(numberOrUuid);
    }

    /** signal-cli reads an array or object {@code account} as empty text (issue #1278). */
    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : "";
    }
}
