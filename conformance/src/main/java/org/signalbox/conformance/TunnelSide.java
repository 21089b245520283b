package org.signalbox.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The other conversation of a call transcript: the tunnels the daemon spawns. Each replay gets the fake
 * {@code signal-call-tunnel} and the transcript's scripts for it; once the session ended, every tunnel's stdin
 * must have been what the transcript says, and none may still run.
 */
final class TunnelSide {

    static final String FAKE = "fake-call-tunnel";

    /** Twice the longest grace a transcript configures (the default 2 s), with room for a loaded machine. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    private final JsonNode spec;
    private final Path folder;
    private final ObjectMapper mapper;

    private TunnelSide(JsonNode spec, Path folder, ObjectMapper mapper) {
        this.spec = spec;
        this.folder = folder;
        this.mapper = mapper;
    }

    /** Writes the fake tunnel and its scripts into {@code work}; null when the transcript has no calls. */
    static TunnelSide prepare(JsonNode transcript, Path work, ObjectMapper mapper) throws IOException {
        JsonNode spec = transcript.get("calls");
        if (spec == null) {
            return null;
        }
        Path folder = Files.createDirectory(work.resolve("tunnels"));
        Path fake = work.resolve(FAKE);
        try (InputStream in = TunnelSide.class.getResourceAsStream(FAKE)) {
            if (in == null) {
                throw new IOException("the runner's jar lacks " + FAKE);
            }
            Files.copy(in, fake);
        }
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        ObjectNode scripts = mapper.createObjectNode();
        ArrayNode tunnels = scripts.putArray("tunnels");
        for (JsonNode t : spec.path("tunnels")) {
            ObjectNode entry = tunnels.addObject();
            entry.set("match", t.path("match"));
            if (t.has("script")) {
                entry.set("script", t.get("script"));
            }
        }
        Files.writeString(folder.resolve("scripts.json"), mapper.writeValueAsString(scripts));
        return new TunnelSide(spec, folder, mapper);
    }

    /** What the daemon's processes need to find the fake and its scripts. */
    Map<String, String> environment() {
        String bin = spec.has("tunnelBin") ? folder.resolveSibling(spec.get("tunnelBin").asText()).toString()
                : folder.resolveSibling(FAKE).toString();
        return Map.of("SIGNAL_CALL_TUNNEL_BIN", bin, "FAKE_TUNNEL_SCRIPTS", folder.resolve("scripts.json").toString(),
                "FAKE_TUNNEL_LOG", folder.toString());
    }

    /** The bundle configuration the transcript sets ({@code calls.config}), as a FileInstall .cfg; null if none. */
    String configuration() {
        JsonNode config = spec.get("config");
        if (config == null) {
            return null;
        }
        StringBuilder cfg = new StringBuilder();
        config.fields().forEachRemaining(e -> cfg.append(e.getKey()).append(" = ").append(e.getValue().asText())
                .append('\n'));
        return cfg.toString();
    }

    /** After the session: the tunnels spawned, each one's stdin, and that all have exited. */
    void verify(Patterns patterns, StringBuilder log) throws Replay.Failure, IOException {
        List<Integer> spawned = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .forEach(n -> spawned.add(Integer.parseInt(n.substring(0, n.length() - 4))));
        }
        int wanted = spec.has("expectTunnels") ? spec.get("expectTunnels").asInt() : spec.path("tunnels").size();
        log.append("(tunnels spawned: ").append(spawned.size()).append(")\n");
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (int n : spawned) {
            long pid = Long.parseLong(Files.readString(folder.resolve(n + ".pid")).strip());
            if (!exited(pid, deadline)) {
                throw new Replay.Failure("tunnel " + n + " (pid " + pid + ") still runs " + EXIT_WAIT.toSeconds()
                        + " s after the session ended");
            }
        }
        if (spawned.size() != wanted) {
            throw new Replay.Failure("the daemon spawned " + spawned.size() + " tunnels, the transcript expects "
                    + wanted);
        }
        int index = 0;
        for (JsonNode t : spec.path("tunnels")) {
            Path claim = folder.resolve("claim-" + index);
            if (!Files.exists(claim)) {
                throw new Replay.Failure("no tunnel took script " + index + " (match " + t.path("match") + ")");
            }
            int n = Integer.parseInt(Files.readString(claim).strip());
            if (t.has("expectStdin")) {
                stdin(index, n, t.get("expectStdin"), patterns, log);
            }
            index++;
        }
    }

    /**
     * A socket session ends when the client leaves, with the daemon still running and ending the tunnels of the
     * calls that just ended: they get the daemon's whole end sequence (grace, SIGTERM, grace, SIGKILL) to exit.
     */
    private static boolean exited(long pid, long deadline) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for tunnel " + pid);
        }
    }

    private void stdin(int index, int n, JsonNode expected, Patterns patterns, StringBuilder log)
            throws Replay.Failure, IOException {
        List<String> lines = Files.readAllLines(folder.resolve(n + ".in"), StandardCharsets.UTF_8);
        lines.forEach(l -> log.append("tunnel ").append(index).append(" < ").append(l).append('\n'));
        for (int i = 0; i < Math.max(lines.size(), expected.size()); i++) {
            if (i >= lines.size()) {
                throw new Replay.Failure("tunnel " + index + " got " + lines.size() + " lines, expected "
                        + expected.size() + "; missing: " + expected.get(i));
            }
            if (i >= expected.size()) {
                throw new Replay.Failure("tunnel " + index + " got more than the " + expected.size()
                        + " lines expected: " + lines.get(i));
            }
            JsonNode line;
            try {
                line = mapper.readTree(lines.get(i));
            } catch (IOException e) {
                throw new Replay.Failure("tunnel " + index + " line " + (i + 1) + " is not JSON: " + lines.get(i));
            }
            String m = patterns.mismatch(expected.get(i), line);
            if (m != null) {
                throw new Replay.Failure("tunnel " + index + " stdin line " + (i + 1) + " " + m);
            }
        }
    }
}
