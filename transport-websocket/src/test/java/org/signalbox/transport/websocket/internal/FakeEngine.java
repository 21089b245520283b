package org.signalbox.transport.websocket.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.session.Session;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Peer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An engine that answers every text carrying an {@code "id"} with {@code {"echo": text}} and nothing else, and
 * records what the transport opened: framing and HTTP semantics are under test here, not JSON-RPC.
 */
final class FakeEngine implements JsonRpcEngine {

    /** A text connection ({@code peer}) or an in-process client ({@code local}) the transport opened. */
    record Opened(Peer peer, LocalPeer local, ConnectionOptions options, List<String> subscriptions) {
    }

    final List<Opened> opened = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<Long> oversized = new CopyOnWriteArrayList<>();
    /** The peers (text or local) whose sessions ended. */
    final List<Object> closed = new CopyOnWriteArrayList<>();

    @Override
    public Connection open(Peer peer, ConnectionOptions options) {
        Opened o = new Opened(peer, null, options, new CopyOnWriteArrayList<>());
        opened.add(o);
        Session session = session(o);
        return new Connection() {
            @Override
            public void receive(String text) {
                received.add(text);
                if (text.contains("\"id\"")) {
                    peer.write("{\"echo\":" + com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                            .textNode(text) + "}");
                }
            }

            @Override
            public void oversized(long limit) {
                oversized.add(limit);
                peer.write("{\"error\":\"too long\"}");
            }

            @Override
            public boolean drain(long millis) {
                return true;
            }

            @Override
            public void closed() {
                closed.add(peer);
            }

            @Override
            public Session session() {
                return session;
            }
        };
    }

    /** Answers every call with {@code {"echo": method}}. */
    @Override
    public LocalClient client(LocalPeer peer, ConnectionOptions options) {
        Opened o = new Opened(null, peer, options, new CopyOnWriteArrayList<>());
        opened.add(o);
        Session session = session(o);
        return new LocalClient() {
            @Override
            public CompletableFuture<Answer> call(String method, ObjectNode params) {
                received.add(method);
                return CompletableFuture.completedFuture(new Answer(JsonNodeFactory.instance.objectNode()
                        .put("echo", method), null));
            }

            @Override
            public Session session() {
                return session;
            }

            @Override
            public void close() {
                closed.add(peer);
            }
        };
    }

    /** A session that records what is subscribed. */
    private static Session session(Opened o) {
        return (Session) Proxy.newProxyInstance(FakeEngine.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "subscribe" -> {
                        o.subscriptions().add(args[0] + " " + ((Optional<?>) args[1]).map(Object::toString).orElse("*"));
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    Peer last() {
        return opened.get(opened.size() - 1).peer();
    }

    /** One account, +15550001111. */
    static Accounts accounts() {
        Account a = (Account) Proxy.newProxyInstance(FakeEngine.class.getClassLoader(), new Class<?>[] {Account.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "number" -> "+15550001111";
                    case "uuid" -> UUID.fromString("11111111-2222-4333-8444-555555555555");
                    default -> null;
                });
        return new Accounts() {
            @Override
            public List<Account> list() {
                return List.of(a);
            }

            @Override
            public Optional<Account> find(String numberOrUuid) {
                return numberOrUuid.equals("+15550001111") || numberOrUuid.equals(a.uuid().toString())
                        ? Optional.of(a) : Optional.empty();
            }
        };
    }

    /** A configuration with the annotation's defaults, port 0, and {@code overrides}. */
    static HttpConfig config(Map<String, Object> overrides) {
        return (HttpConfig) Proxy.newProxyInstance(FakeEngine.class.getClassLoader(), new Class<?>[] {HttpConfig.class},
                (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getName().equals("port")) {
                        return 0;
                    }
                    return method.getDefaultValue();
                });
    }

}
