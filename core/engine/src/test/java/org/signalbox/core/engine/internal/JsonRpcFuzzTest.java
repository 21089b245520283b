package org.signalbox.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.Peer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whatever text a transport hands over (a line, a WebSocket frame, an HTTP body), on a lasting or a per-request
 * connection: the engine answers with JSON-RPC only (one response, one batch, or nothing), never throws, never
 * leaks an internal error's text, and a closed connection leaves no subscription behind. Runs its seeds in every
 * build and fuzzes with {@code JAZZER_FUZZ=1}.
 */
class JsonRpcFuzzTest {

    private static JsonRpcEngineImpl engine;

    private static synchronized JsonRpcEngineImpl engine() throws Exception {
        if (engine == null) {
            engine = TestMethods.engine(EngineLimits.DEFAULTS);
        }
        return engine;
    }

    @FuzzTest(maxDuration = "10s")
    void anyInputGetsJsonRpcAndLeavesNothingBehind(FuzzedDataProvider data) throws Exception {
        boolean perRequest = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        List<String> written = new CopyOnWriteArrayList<>();
        Peer peer = new Peer() {
            @Override
            public String transport() {
                return "fuzz";
            }

            @Override
            public boolean write(String json) {
                written.add(json);
                return true;
            }

            @Override
            public void close() {
            }
        };
        JsonRpcEngineImpl e = engine();
        Connection c = e.open(peer, new ConnectionOptions(Optional.empty(), !perRequest, perRequest));
        c.receive(text);
        assertThat(c.drain(10_000)).as("answered within 10 s").isTrue();
        c.closed();
        assertThat(e.subscribed("receive", "+15550001111")).as("subscriptions end with the connection").isFalse();
        assertThat(written.size()).as("one answer at most").isLessThanOrEqualTo(1);
        for (String out : written) {
            JsonNode n = Json.MAPPER.readTree(out);
            for (JsonNode response : n.isArray() ? n : List.of(n)) {
                assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
                assertThat(response.has("result") != response.has("error")).as(out).isTrue();
                assertThat(response.has("id")).as(out).isTrue();
                if (response.has("error")) {
                    assertThat(response.get("error").has("data")).isTrue();
                    assertThat(response.get("error").path("message").asText()).doesNotContain("Exception");
                }
            }
        }
    }
}
