package org.signalbox.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.model.ReceivePayload;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.Peer;

import com.fasterxml.jackson.databind.JsonNode;

class JsonRpcEngineTest {

    private JsonRpcEngineImpl engine;
    private final Lines peer = new Lines();

    /** Collects what the engine writes. */
    static class Lines implements Peer {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public String transport() {
            return "test";
        }

        @Override
        public boolean write(String json) {
            lines.add(json);
            return true;
        }

        @Override
        public void close() {
        }

        JsonNode next() throws Exception {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line within 10 s").isNotNull();
            return Json.MAPPER.readTree(line);
        }
    }

    /** Sleeps for {@code millis}, then answers it; or throws when asked to. */
    static final class Sleep implements RpcMethod {
        private static final MethodContract CONTRACT = TestMethods.inline("""
                {"name": "sleep", "scope": "any",
                 "params": {"type": "object", "properties": {"millis": {"type": "integer", "default": 0},
                                                             "fail": {"type": "boolean", "default": false}}},
                 "result": {"type": "object"}}""");

        record Params(long millis, boolean fail) {
        }

        @Override
        public MethodContract contract() {
            return CONTRACT;
        }

        @Override
        public Object call(RpcCall call) throws RpcException {
            Params p = call.params(Params.class);
            if (p.fail()) {
                throw new IllegalStateException("secret internal detail");
            }
            try {
                Thread.sleep(p.millis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("slept", p.millis());
        }
    }

    @BeforeEach
    void start() throws Exception {
        engine = TestMethods.engine(EngineLimits.DEFAULTS);
        engine.addMethod(new Sleep());
    }

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private Connection open(boolean automaticReceive) {
        return engine.open(peer, new ConnectionOptions(Optional.empty(), automaticReceive));
    }

    @Test
    void requestsRunConcurrentlyAndAnswerInCompletionOrder() throws Exception {
        Connection c = open(false);
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":{\"millis\":500},\"id\":1}");
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":{\"millis\":0},\"id\":2}");
        assertThat(peer.next().get("id").asInt()).isEqualTo(2);
        assertThat(peer.next().get("id").asInt()).isEqualTo(1);
    }

    @Test
    void manyConcurrentRequestsEachGetOneWholeAnswer() throws Exception {
        Connection c = open(false);
        int n = 300;
        for (int i = 0; i < n; i++) {
            c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":{\"millis\":" + (i % 7) + "},\"id\":" + i + "}");
        }
        assertThat(c.drain(30_000)).isTrue();
        List<Integer> ids = new ArrayList<>();
        for (String line : peer.lines) {
            ids.add(Json.MAPPER.readTree(line).get("id").asInt());
        }
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void aRequestBodyHoldingTwoValuesIsAParseErrorAndNothingRuns() throws Exception {
        Connection post = engine.open(peer, new ConnectionOptions(Optional.empty(), false, true));
        post.receive("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":2}");
        JsonNode r = peer.next();
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(r.at("/error/message").asText()).startsWith("More than one JSON value").endsWith("per body");
        assertThat(post.drain(10_000)).isTrue();
        assertThat(peer.lines).as("neither ran").isEmpty();
    }

    @Test
    void notificationsAreNeverAnsweredEvenWhenTheyFail() throws Exception {
        Connection c = open(false);
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"noSuchMethod\"}");
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":{\"fail\":true}}");
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":\"after\"}");
        assertThat(c.drain(10_000)).isTrue();
        assertThat(peer.next().get("id").asText()).isEqualTo("after");
        assertThat(peer.lines).isEmpty();
    }

    @Test
    void internalErrorsHideTheirDetailsBehindAnIncidentId() throws Exception {
        open(false).receive("{\"jsonrpc\":\"2.0\",\"method\":\"sleep\",\"params\":{\"fail\":true},\"id\":1}");
        JsonNode r = peer.next();
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32603);
        assertThat(r.at("/error/message").asText()).doesNotContain("secret", "IllegalStateException");
        assertThat(r.at("/error/data/incident").asText()).isNotEmpty();
    }

    @Test
    void oversizedInputIsAParseErrorNamingTheLimit() throws Exception {
        open(false).oversized(1024);
        JsonNode r = peer.next();
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(r.at("/error/data/limit").asLong()).isEqualTo(1024);
        assertThat(r.get("id").isNull()).isTrue();
    }

    @Test
    void automaticSubscriptionsGetTheFlatShapeExplicitOnesTheWrappedShape() throws Exception {
        Connection c = open(true);
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"id\":1}");
        int id = peer.next().get("result").asInt();
        ReceivePayload payload = new ReceivePayload(null, "+15550001111", null);
        assertThat(engine.publish("receive", "+15550001111", payload)).isEqualTo(2);
        List<JsonNode> got = List.of(peer.next(), peer.next());
        assertThat(got).allSatisfy(n -> assertThat(n.has("id")).isFalse());
        assertThat(got).anySatisfy(n -> assertThat(n.at("/params/account").asText()).isEqualTo("+15550001111"));
        assertThat(got).anySatisfy(n -> {
            assertThat(n.at("/params/subscription").asInt()).isEqualTo(id);
            assertThat(n.at("/params/result/account").asText()).isEqualTo("+15550001111");
        });
        c.closed();
        assertThat(engine.publish("receive", "+15550001111", payload)).isZero();
    }

    /** What a publisher learns of one published text. */
    private static final class Fate implements org.signalbox.api.session.Handover {
        final java.util.concurrent.atomic.AtomicReference<String> said = new java.util.concurrent.atomic.AtomicReference<>();

        @Override
        public void kept() {
            said.compareAndSet(null, "kept");
        }

        @Override
        public void returned() {
            said.compareAndSet(null, "returned");
        }
    }

    @Test
    void anAcknowledgedSubscriptionKeepsWhatItsClientAcknowledgesAndReturnsTheRest() throws Exception {
        Connection c = open(false);
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"acknowledge\":true},\"id\":1}");
        int subscription = peer.next().get("result").asInt();
        Map<String, Object> payload = Map.of("account", "+15550001111", "envelope", Map.of("timestamp", 1));
        Fate first = new Fate();
        assertThat(engine.publish("receive", "+15550001111", payload, first)).isEqualTo(1);
        JsonNode n = peer.next();
        assertThat(n.at("/params/subscription").asInt()).isEqualTo(subscription);
        long delivery = n.at("/params/delivery").asLong();
        assertThat(delivery).isPositive();
        Thread.sleep(200);
        assertThat(first.said.get()).as("written is not acknowledged").isNull();
        c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"acknowledge\",\"params\":{\"delivery\":[" + delivery
                + "]},\"id\":2}");
        assertThat(peer.next().at("/result/acknowledged").asInt()).isEqualTo(1);
        assertThat(first.said.get()).isEqualTo("kept");

        List<Fate> rest = new ArrayList<>();
        for (int i = 0; i < SessionImpl.MAX_UNACKNOWLEDGED; i++) {
            Fate f = new Fate();
            rest.add(f);
            assertThat(engine.publish("receive", "+15550001111", payload, f)).isEqualTo(1);
        }
        Fate beyond = new Fate();
        assertThat(engine.publish("receive", "+15550001111", payload, beyond)).as("its limit is reached").isZero();
        assertThat(beyond.said.get()).isEqualTo("returned");
        c.closed();
        assertThat(rest).allSatisfy(f -> assertThat(f.said.get()).as("unacknowledged at the end").isEqualTo(
                "returned"));
    }

    @Test
    void aBatchBeyondTheLimitIsAnInvalidRequestNamingIt() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":").append(i)
                    .append('}');
        }
        open(false).receive(batch.append(']').toString());
        JsonNode r = peer.next();
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(r.at("/error/data/limit").asInt()).isEqualTo(1000);
    }

    @Test
    void aClientThatDoesNotTakeItsAnswersIsNoLongerReadFrom() throws Exception {
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        Lines stuck = new Lines() {
            @Override
            public boolean write(String json) {
                try {
                    reading.await(); // the client takes nothing until the test lets it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.write(json);
            }
        };
        JsonRpcEngineImpl bounded = TestMethods.engine(new EngineLimits(4, 16L << 20, 10, 10));
        Connection c = bounded.open(stuck, new ConnectionOptions(Optional.empty(), false));
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                c.receive("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":" + i + "}");
                taken.incrementAndGet();
            }
        });
        Thread.sleep(500);
        assertThat(taken.get()).as("the reader waits once four answers are unwritten").isEqualTo(4);
        reading.countDown();
        reader.join(java.time.Duration.ofSeconds(10));
        assertThat(taken.get()).isEqualTo(100);
        assertThat(c.drain(10_000)).isTrue();
        assertThat(stuck.lines).hasSize(100);
        bounded.deactivate();
    }

    @Test
    void batchEnvelopeErrorsAlwaysComeFirst() throws Exception {
        // a fast valid element, then enough invalid ones that scanning them outlasts running it
        StringBuilder batch = new StringBuilder("[{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}");
        int invalid = 20_000;
        for (int i = 0; i < invalid; i++) {
            batch.append(",{\"jsonrpc\":\"2.0\",\"id\":").append(i + 2).append('}');
        }
        JsonRpcEngineImpl roomy = TestMethods.engine(new EngineLimits(128, 16L << 20, 30_000, 10));
        roomy.open(peer, new ConnectionOptions(Optional.empty(), false)).receive(batch.append(']').toString());
        JsonNode replies = peer.next();
        roomy.deactivate();
        assertThat(replies).hasSize(invalid + 1);
        for (int i = 0; i < invalid; i++) {
            assertThat(replies.get(i).at("/error/code").asInt()).as("element %d", i).isEqualTo(-32600);
        }
        assertThat(replies.get(invalid).get("id").asInt()).isEqualTo(1);
    }
}
