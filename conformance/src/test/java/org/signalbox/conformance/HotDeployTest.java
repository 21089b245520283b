package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A method bundle dropped into a running daemon's {@code conf/} is served without a restart, to the client that
 * was connected all along, and is gone again when the jar is removed (FileInstall installs and uninstalls it; the
 * engine's whiteboard follows).
 */
class HotDeployTest {

    /** FileInstall polls every 2 s; starting a bundle takes a moment more. */
    private static final Duration POLL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aJarDroppedIntoConfServesItsMethodsUntilItIsRemoved() throws Exception {
        Path distribution = PrivateDistribution.create(Assembled.distributions().resolve("signalbox-full"),
                List.of(), dir);
        Path jar;
        try (Stream<Path> built = Files.list(Path.of("example-bundle/target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("org\\.signalbox\\.example\\.echo-.*\\.jar"))
                    .findFirst().orElseThrow();
        }
        try (JsonRpcProcess p = JsonRpcProcess.start(distribution, dir)) {
            assertThat(echo(p).at("/error/code").asInt()).as("not installed yet").isEqualTo(-32601);

            Path dropped = Files.copy(jar, distribution.resolve("conf").resolve(jar.getFileName()));
            await().atMost(POLL).pollInterval(Duration.ofMillis(500)).until(() -> echo(p)
                    .at("/result/text").asText().equals("hi"));
            JsonNode discover = p.call("rpc.discover", null);
            assertThat(discover.at("/result/methods").findValuesAsText("name")).contains("echo");

            Files.delete(dropped);
            await().atMost(POLL).pollInterval(Duration.ofMillis(500)).until(() -> echo(p)
                    .at("/error/code").asInt() == -32601);
            assertThat(p.call("version", null).has("result")).as("the same client, served throughout").isTrue();
            assertThat(p.end()).isZero();
        }
    }

    private static JsonNode echo(JsonRpcProcess p) throws IOException {
        return p.call("echo", JsonRpcProcess.params().put("text", "hi"));
    }
}
