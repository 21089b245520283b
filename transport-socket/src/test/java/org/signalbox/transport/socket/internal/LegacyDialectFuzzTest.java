package org.signalbox.transport.socket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Peer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Any lines on the legacy socket: the client only ever gets JSON objects (never the original's non-JSON text),
 * every request the dialect makes of the engine is JSON-RPC, nothing throws, and the engine connection ends with
 * the client. Runs its seeds in every build and fuzzes with {@code JAZZER_FUZZ=1}.
 */
class LegacyDialectFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final List<String> BAD = new CopyOnWriteArrayList<>();

    private static final Accounts ONE = new Accounts() {
        private final Account account = (Account) Proxy.newProxyInstance(LegacyDialectFuzzTest.class.getClassLoader(),
                new Class<?>[] {Account.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "number" -> "+15550001111";
                    case "uuid" -> UUID.fromString("11111111-2222-4333-8444-555555555555");
                    default -> null;
                });

        @Override
        public List<Account> list() {
            return List.of(account);
        }

        @Override
        public Optional<Account> find(String numberOrUuid) {
            return numberOrUuid.equals("+15550001111") ? Optional.of(account) : Optional.empty();
        }
    };

    /** Answers list methods with one entry each, everything else with an error half the time. */
    private static final JsonRpcEngine ENGINE = new JsonRpcEngine() {
        @Override
        public Connection open(Peer peer, ConnectionOptions options) {
            throw new UnsupportedOperationException("the dialect is an in-process client");
        }

        @Override
        public LocalClient client(LocalPeer peer, ConnectionOptions options) {
            OPEN.incrementAndGet();
            return new LocalClient() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public CompletableFuture<Answer> call(String method, ObjectNode params) {
                    if (method.isBlank()) {
                        BAD.add("a call without a method name");
                    }
                    try {
                        JsonNode result = MAPPER.readTree(method.startsWith("list")
                                ? "[{\"id\":\"g\",\"number\":\"+1\",\"members\":[{}]}]" : "{}");
                        return CompletableFuture.completedFuture(n.incrementAndGet() % 2 == 0
                                ? Answer.failed(-1, "no") : new Answer(result, null));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public org.signalbox.api.session.Session session() {
                    return null;
                }

                @Override
                public void close() {
                    OPEN.decrementAndGet();
                }
            };
        }
    };

    @FuzzTest(maxDuration = "10s")
    void clientsOnlyEverGetJsonObjects(FuzzedDataProvider data) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Peer client = new Peer() {
            @Override
            public String transport() {
                return "fuzz";
            }

            @Override
            public boolean write(String json) {
                lines.add(json);
                return true;
            }

            @Override
            public void close() {
            }
        };
        LegacyDialect dialect = new LegacyDialect(client, ENGINE, ONE, "");
        int count = data.consumeInt(1, 6);
        for (int i = 0; i < count; i++) {
            if (data.consumeBoolean()) {
                dialect.oversized(100);
            }
            dialect.receive(i == count - 1 ? data.consumeRemainingAsString() : data.consumeString(300));
        }
        assertThat(dialect.drain(10_000)).isTrue();
        dialect.closed();
        assertThat(OPEN.get()).as("engine connections after the client left").isZero();
        for (String line : lines) {
            assertThat(MAPPER.readTree(line).isObject()).as(line).isTrue();
            assertThat(line).doesNotContain("\n");
        }
        assertThat(BAD).isEmpty();
    }
}
