package org.signalbox.core.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.session.Session;
import org.signalbox.api.session.SessionListener;
import org.signalbox.api.transport.ConnectionOptions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a feature bundle brings, reduced to what the engine's own tests need: methods that subscribe, acknowledge
 * and unsubscribe through the session API, a listener that gives connections an automatic subscription, and no
 * accounts. The engine knows none of them; that is what these tests show.
 */
final class TestMethods {

    static final String EVENT = "receive";

    private TestMethods() {
    }

    /** An engine with the default limits and every test method. */
    static JsonRpcEngineImpl engine(EngineLimits limits) {
        JsonRpcEngineImpl engine = new JsonRpcEngineImpl(NO_ACCOUNTS, limits);
        engine.addMethod(new VersionMethod());
        engine.addMethod(new Subscribe());
        engine.addMethod(new Acknowledge());
        engine.addMethod(new Unsubscribe());
        engine.addMethod(new ListAccounts());
        engine.addListener(new AutomaticSubscription());
        return engine;
    }

    /** A contract written inline; {@code summary} and {@code errors} are filled in when absent. */
    static MethodContract inline(String json) {
        try {
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(json);
            if (!doc.has("summary")) {
                doc.put("summary", "A test method");
            }
            if (!doc.has("errors")) {
                doc.putArray("errors");
            }
            return MethodContract.parse(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final Accounts NO_ACCOUNTS = new Accounts() {
        @Override
        public List<Account> list() {
            return List.of();
        }

        @Override
        public Optional<Account> find(String numberOrUuid) {
            return Optional.empty();
        }
    };

    /** Every connection but a manual one is subscribed at once, as messaging does for {@code receive}. */
    static final class AutomaticSubscription implements SessionListener {
        @Override
        public void opened(Session session, ConnectionOptions options) {
            if (options.automaticReceive()) {
                session.subscribeAutomatic(EVENT, options.account());
            }
        }
    }

    /** {@code subscribe {acknowledge?}}: an explicit subscription to {@link #EVENT}; answers its id. */
    static final class Subscribe extends AbstractRpcMethod {
        Subscribe() {
            super(inline("""
                    {"name": "subscribe", "scope": "any", "sessionBound": true,
                     "params": {"type": "object", "properties": {"acknowledge": {"type": "boolean", "default": false}}},
                     "result": {"type": "integer"}}"""));
        }

        record Params(boolean acknowledge) {
        }

        @Override
        public Object call(RpcCall call) throws RpcException {
            Optional<String> account = call.account().map(Account::number);
            return (call.params(Params.class).acknowledge() ? call.session().subscribeAcknowledged(EVENT,
                    account) : call.session().subscribe(EVENT, account)).id();
        }
    }

    /** {@code acknowledge {delivery: [...]}}. */
    static final class Acknowledge extends AbstractRpcMethod {
        Acknowledge() {
            super(inline("""
                    {"name": "acknowledge", "scope": "any",
                     "params": {"type": "object", "required": ["delivery"],
                                "properties": {"delivery": {"type": "array", "items": {"type": "integer"}}}},
                     "result": {"type": "object"}}"""));
        }

        record Params(List<Long> delivery) {
        }

        @Override
        public Object call(RpcCall call) throws RpcException {
            return Map.of("acknowledged", call.session().acknowledge(call.params(Params.class).delivery()));
        }
    }

    /** {@code unsubscribe [id]}: positional, as signal-cli's Rust client calls it. */
    static final class Unsubscribe extends AbstractRpcMethod {
        Unsubscribe() {
            super(inline("""
                    {"name": "unsubscribe", "scope": "any", "positionalParams": ["subscription"],
                     "params": {"type": "object", "required": ["subscription"],
                                "properties": {"subscription": {"type": "integer"}}},
                     "result": {"type": "object"}}"""));
        }

        record Params(int subscription) {
        }

        @Override
        public Object call(RpcCall call) throws RpcException {
            int id = call.params(Params.class).subscription();
            var s = call.session().subscriptions().stream().filter(x -> x.id() == id).findFirst()
                    .orElseThrow(() -> RpcException.user("Unknown subscription id"));
            s.cancel();
            return null;
        }
    }

    /** {@code accounts}: a multi-account method that reads the routed accounts. */
    static final class ListAccounts extends AbstractRpcMethod {
        ListAccounts() {
            super(inline("""
                    {"name": "accounts", "scope": "multi_account", "params": {"type": "object"},
                     "result": {"type": "array", "items": {"type": "string"}}}"""));
        }

        @Override
        public Object call(RpcCall call) {
            return call.accounts().list().stream().map(Account::number).toList();
        }
    }
}
