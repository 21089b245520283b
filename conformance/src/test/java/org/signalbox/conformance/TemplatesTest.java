package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.launcher.Trees;

/**
 * The three templates a third party starts from, used as one would: copied out of a distribution's
 * {@code templates/}, built there, outside this tree, with Maven against the API release only, assembled into a
 * distribution with {@code signalbox-assemble}, and proven with {@code signalbox-conformance run --bundles}: each
 * template's own transcript, and for the transport and the storage backend the suite's transcripts of what they
 * carry, over the template (the transport on the tcp channel, the backend as the distribution's default storage).
 * Replaying the whole suite over either passes as well; the build keeps to these for time.
 */
@Execution(ExecutionMode.CONCURRENT)
class TemplatesTest {

    private static final long MINUTES = 10;

    @TempDir
    Path dir;

    @Test
    void aMethodFamilyBuiltOutsideTheTreeIsServedWithItsContracts() throws Exception {
        Path jar = build("method", "com.example.signalbox.notes");
        Path distribution = assemble("notes", List.of("--add", jar.toString()));
        prove(distribution, jar, "stdio,tcp", "method");
    }

    @Test
    void aTransportBuiltOutsideTheTreeCarriesTheSuitesSessions() throws Exception {
        Path jar = build("transport", "com.example.signalbox.lines");
        Path distribution = assemble("lines", List.of("--without", "org.signalbox.transport.socket", "--add",
                jar.toString()));
        // sessions of every shape: framing and errors, a subscription's notifications, messages between accounts
        prove(distribution, jar, "tcp", "transport", "transcripts/framing", "transcripts/methods/subscriptions.json",
                "transcripts/messaging");
    }

    @Test
    void aStorageBackendBuiltOutsideTheTreeKeepsTheSuitesAccounts() throws Exception {
        Path jar = build("storage", "com.example.signalbox.snapshot");
        Path distribution = assemble("snapshot", List.of("--storage", "snapshot", "--add", jar.toString()));
        // what accounts keep: keys and registration, contacts, groups, profile and identities, queued messages
        prove(distribution, jar, "stdio", "storage", "transcripts/methods", "transcripts/messaging");
    }

    /** Copies the template out of the full distribution and builds it there; the bundle jar it made. */
    private Path build(String template, String artifact) throws Exception {
        Path copy = dir.resolve(template);
        Trees.copy(full().resolve("templates").resolve(template), copy);
        run(copy, "build-" + template, List.of("mvn", "-B", "-ntp", "-q", "package"));
        return copy.resolve("target").resolve(artifact + "-1.0.0-SNAPSHOT.jar");
    }

    private Path assemble(String name, List<String> options) throws Exception {
        Path to = dir.resolve("dist-" + name);
        List<String> command = new ArrayList<>(List.of(full().resolve("bin/signalbox-assemble").toString()));
        command.addAll(options);
        command.addAll(List.of("--to", to.toString()));
        run(dir, "assemble-" + name, command);
        return to;
    }

    /** The template's transcripts, and the suite's own where given, against the assembled distribution. */
    private void prove(Path distribution, Path jar, String channels, String template, String... suites)
            throws Exception {
        // the runner as bin/signalbox-conformance runs it, from this module's classes: its jar is made after the tests
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--distribution",
                distribution.toString(), "--channel", channels, "--parallel", "4", "--server-distribution",
                Assembled.distributions().resolve("signalbox-server").toString(), "--reports",
                Path.of("target/template-reports", template).toAbsolutePath().toString(), "--bundles",
                jar.getParent().toString(), "--bundles", Path.of("example-bundle/target").toAbsolutePath().toString(),
                dir.resolve(template).resolve("transcripts").toString()));
        for (String suite : suites) {
            command.add(Path.of(suite).toAbsolutePath().toString());
        }
        String out = run(Path.of("."), "conformance-" + template, command);
        assertThat(out).contains(", 0 failed");
    }

    private static Path full() {
        return Assembled.distributions().resolve("signalbox-full");
    }

    /** Runs {@code command} in {@code where}; its output, or a failure with the output's end. */
    private String run(Path where, String name, List<String> command) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        boolean ended = p.waitFor(MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended && p.exitValue() == 0).as(name + " (" + String.join(" ", command) + ") ended with "
                + (ended ? "status " + p.exitValue() : "a timeout") + ":\n" + tail(out)).isTrue();
        return out;
    }

    private static String tail(String out) {
        try (Stream<String> lines = out.lines()) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        }
    }
}
