package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real npm client ({@code ws}, {@code socket.io-client}) as a child process, driven line by line through one of
 * the bridges in {@code src/test/node}. The packages are installed once per build from the lock file
 * ({@code npm ci}) into {@code target/node}.
 */
final class NodePeer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path HOME = Path.of("target/node");

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private NodePeer(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("[\"io\",\"" + e.getMessage() + "\"]");
            }
        });
    }

    static synchronized Path installed() throws Exception {
        if (!Files.isDirectory(HOME.resolve("node_modules/socket.io-client"))) {
            Files.createDirectories(HOME);
            for (String f : List.of("package.json", "package-lock.json", "ws-bridge.js", "socketio-bridge.js")) {
                Files.copy(Path.of("src/test/node", f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                    .redirectErrorStream(true).redirectOutput(HOME.resolve("npm.log").toFile()).start();
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci within 5 minutes").isTrue();
            assertThat(npm.exitValue()).as("npm ci (see target/node/npm.log)").isZero();
        }
        return HOME;
    }

    static NodePeer start(String script, String... args) throws Exception {
        Path home = installed();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return new NodePeer(new ProcessBuilder(command).directory(home.toFile())
                .redirectError(home.resolve(script + ".stderr").toFile()).start());
    }

    void send(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void send(JsonNode value) throws IOException {
        send(MAPPER.writeValueAsString(value));
    }

    /** The next printed line that matches, within 30 s; lines before it are dropped. */
    JsonNode next(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(l).as("a matching line from the node client within 30 s").isNotNull();
            JsonNode n = MAPPER.readTree(l);
            if (wanted.test(n)) {
                return n;
            }
        }
    }

    /** The next {@code [name, …]} event line. */
    JsonNode event(String name) throws Exception {
        return next(n -> n.isArray() && name.equals(n.path(0).asText()));
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
