package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A method bundle dropped into a running daemon's {@code conf/} is served without a restart, to the client that
 * was connected all along, and is gone again when the jar is removed (FileInstall installs and uninstalls it; the
 * engine's whiteboard follows).
 */
class HotDeployTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        ProcessBuilder pb = new ProcessBuilder(distribution.resolve("bin/signalbox").toString(), "--config",
                dir.resolve("data").toString(), "jsonRpc");
        pb.environment().put("SIGNALBOX_CDS", "off");
        pb.redirectError(dir.resolve("stderr.log").toFile());
        Process p = pb.start();
        OutputStream stdin = p.getOutputStream();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        AtomicInteger ids = new AtomicInteger();
        try {
            assertThat(echo(stdin, stdout, ids).at("/error/code").asInt()).as("not installed yet").isEqualTo(-32601);

            Path dropped = Files.copy(jar, distribution.resolve("conf").resolve(jar.getFileName()));
            await().atMost(POLL).pollInterval(Duration.ofMillis(500)).until(() -> echo(stdin, stdout, ids)
                    .at("/result/text").asText().equals("hi"));
            JsonNode discover = call(stdin, stdout, ids, "rpc.discover");
            assertThat(discover.at("/result/methods").findValuesAsText("name")).contains("echo");

            Files.delete(dropped);
            await().atMost(POLL).pollInterval(Duration.ofMillis(500)).until(() -> echo(stdin, stdout, ids)
                    .at("/error/code").asInt() == -32601);
            assertThat(call(stdin, stdout, ids, "version").has("result")).as("the same client, served throughout")
                    .isTrue();
        } finally {
            stdin.close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(p.exitValue()).isZero();
    }

    private static JsonNode echo(OutputStream stdin, BufferedReader stdout, AtomicInteger ids) throws IOException {
        int id = ids.incrementAndGet();
        stdin.write(("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"text\":\"hi\"},\"id\":" + id + "}\n")
                .getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        return answer(stdout, id);
    }

    private static JsonNode call(OutputStream stdin, BufferedReader stdout, AtomicInteger ids, String method)
            throws IOException {
        int id = ids.incrementAndGet();
        stdin.write(("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":" + id + "}\n")
                .getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        return answer(stdout, id);
    }

    /** The answer to {@code id}; receive notifications in between are skipped. */
    private static JsonNode answer(BufferedReader stdout, int id) throws IOException {
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            JsonNode n = MAPPER.readTree(line);
            if (n.path("id").asInt() == id) {
                return n;
            }
        }
        throw new IOException("jsonRpc ended before answering " + id);
    }
}
