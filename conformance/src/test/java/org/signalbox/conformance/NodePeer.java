package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.signalbox.launcher.Trees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real npm client ({@code ws}, {@code socket.io-client}) as a child process, driven line by line through one of
 * the bridges in {@code src/test/node}. The packages are installed once per build from the lock file
 * ({@code npm ci}) into {@code target/node}.
 */
final class NodePeer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path HOME = Path.of("target/node");
    /** The scripts are copied once per test run, so an edited one is never stale. */
    private static boolean copied;

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line printed so far, whether {@link #next} skipped it or not. */
    private final List<String> printed = new CopyOnWriteArrayList<>();

    private NodePeer(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    printed.add(l);
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("[\"io\",\"" + e.getMessage() + "\"]");
            }
        });
    }

    static synchronized Path installed() throws Exception {
        if (!copied) {
            Trees.copy(Path.of("src/test/node"), HOME);
            copied = true;
        }
        if (!Files.isDirectory(HOME.resolve("node_modules/socket.io-client"))) {
            npm("npm-ci", "ci", "--no-audit", "--no-fund");
        }
        return HOME;
    }

    /**
     * socket.io 1.3.6's browser bundle, the one seed 002's page loads. Only its tarball is taken ({@code npm pack},
     * which checks the registry's integrity): its Node dependencies live on GitHub, out of reach here.
     */
    static synchronized Path seedBundle() throws Exception {
        Path bundle = installed().resolve("socket.io-1.3.6/package/socket.io.js");
        if (!Files.isRegularFile(bundle)) {
            Path dir = Files.createDirectories(bundle.getParent().getParent());
            npm("npm-pack", "pack", "socket.io-client@1.3.6", "--pack-destination", dir.toAbsolutePath().toString());
            Process tar = new ProcessBuilder("tar", "-xzf", "socket.io-client-1.3.6.tgz", "package/socket.io.js")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar -xzf of the 1.3.6 tarball")
                    .isTrue();
        }
        return bundle.toAbsolutePath();
    }

    private static void npm(String log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        Process npm = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(HOME.resolve(log + ".log").toFile()).start();
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command) + " within 5 minutes").isTrue();
        assertThat(npm.exitValue()).as(String.join(" ", command) + " (see target/node/" + log + ".log)").isZero();
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

    /** Whether a line printed so far, or within 30 s, is {@code [name, …]}: for events whose order is not fixed. */
    JsonNode printed(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String l : printed) {
                JsonNode n = MAPPER.readTree(l);
                if (n.isArray() && name.equals(n.path(0).asText())) {
                    return n;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no [\"" + name + "\", …] line from the node client within 30 s");
    }

    /** {@link #printed} looks at what comes from now on. */
    void forget() {
        printed.clear();
    }

    /** A bridge's stdin line: emit {@code event} with {@code data}, asking for an ack or not. */
    static ObjectNode emit(String event, JsonNode data, boolean ack) {
        ObjectNode c = MAPPER.createObjectNode().put("emit", event).put("ack", ack);
        if (data != null) {
            c.set("data", data);
        }
        return c;
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
