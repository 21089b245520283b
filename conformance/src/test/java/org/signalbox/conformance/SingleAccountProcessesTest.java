package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * signal-cli's single-account mode as SDKs use it: one {@code -a ACCOUNT jsonRpc} process per account of one data
 * directory, side by side, messaging each other through one server; a second process on the same account, and a
 * multi-account process that would hold them all, end at once with the one-line error. Without {@code --server}
 * they share the data directory's embedded server, and when the process serving it is killed another takes over.
 */
class SingleAccountProcessesTest {

    private static final String ALICE = "+15550001111";
    private static final String BOB = "+15550002222";
    private static final String CAROL = "+15550003333";
    private static final Duration QUIET = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T running(T c) {
        running.add(c);
        return c;
    }

    @Test
    void twoAccountsOfOneDataDirectoryServedByTwoProcessesMessageEachOther() throws Exception {
        Path minimal = Assembled.distributions().resolve("signalbox-minimal");
        ServerProcess server = running(ServerProcess.start(Assembled.distributions().resolve("signalbox-server"),
                Files.createDirectories(dir.resolve("server"))));
        Path data = dir.resolve("data");
        try (DaemonProcess all = DaemonProcess.start(minimal, data, server.uri())) {
            all.register(ALICE);
            all.register(BOB);
        }

        DaemonProcess alice = running(DaemonProcess.single(minimal, data, server.uri(), ALICE));
        DaemonProcess bob = running(DaemonProcess.single(minimal, data, server.uri(), BOB));
        JsonNode sent = alice.call("send", DaemonProcess.params(ALICE).put("message", "hello from the other process")
                .set("recipient", DaemonProcess.params(ALICE).arrayNode().add(BOB)));
        assertThat(sent.has("result")).as(sent.toString()).isTrue();
        JsonNode got = bob.nextEnvelope(e -> e.has("dataMessage"), QUIET);
        assertThat(got).as("bob's process receives what alice's sent").isNotNull();
        assertThat(got.get("dataMessage").get("message").asText()).isEqualTo("hello from the other process");
        bob.call("send", DaemonProcess.params(BOB).put("message", "and back")
                .set("recipient", DaemonProcess.params(BOB).arrayNode().add(ALICE)));
        JsonNode reply = alice.nextEnvelope(e -> e.has("dataMessage"), QUIET);
        assertThat(reply).isNotNull();
        assertThat(reply.get("dataMessage").get("message").asText()).isEqualTo("and back");

        Run again = run(minimal, data, server, "-a", ALICE, "jsonRpc");
        assertThat(again.status()).as(again.stderr()).isEqualTo(3);
        assertThat(again.stderr().strip()).as("one line, no stack trace")
                .isEqualTo("Account " + ALICE + " is in use by another Signalbox process; stop it or send your "
                        + "requests to it");
        Run everyone = run(minimal, data, server, "jsonRpc");
        assertThat(everyone.status()).as("multi-account mode holds every account: " + everyone.stderr())
                .isEqualTo(3);
        assertThat(everyone.stderr().strip()).contains("is in use by another Signalbox process").doesNotContain("\n");
    }

    @Test
    void processesWithoutServerShareTheEmbeddedOneAndTakeItOverWhenItsProcessDies() throws Exception {
        Path full = Assembled.distributions().resolve("signalbox-full");
        Path data = dir.resolve("data");
        try (DaemonProcess all = DaemonProcess.embedded(full, data)) {
            for (String number : List.of(ALICE, BOB, CAROL)) {
                all.register(number);
            }
        }
        Map<String, DaemonProcess> processes = new LinkedHashMap<>();
        for (String number : List.of(ALICE, BOB, CAROL)) {
            processes.put(number, running(DaemonProcess.single(full, data, number)));
        }
        exchange(processes, ALICE, BOB, "before");
        exchange(processes, CAROL, ALICE, "before");
        Path advertised = data.resolve("server/endpoint.properties");
        assertThat(Files.getPosixFilePermissions(advertised)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        long serving = Long.parseLong(properties(advertised).getProperty("pid"));
        String uri = properties(advertised).getProperty("uri");
        String server = processes.entrySet().stream().filter(e -> e.getValue().pid() == serving).findFirst()
                .map(Map.Entry::getKey).orElseThrow(() -> new AssertionError("no -a process serves: " + serving));

        processes.get(server).kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Properties now = properties(advertised);
            return now != null && Long.parseLong(now.getProperty("pid")) != serving;
        });
        List<String> others = new ArrayList<>(List.of(ALICE, BOB, CAROL));
        others.remove(server);
        exchange(processes, others.get(0), others.get(1), "after the takeover");
        exchange(processes, others.get(1), others.get(0), "and back");

        processes.put(server, running(DaemonProcess.single(full, data, server)));
        exchange(processes, others.get(0), server, "welcome back");
        exchange(processes, server, others.get(1), "thanks");
        for (String number : others) {
            assertThat(processes.get(number).isAlive()).as(number + "'s process serves on").isTrue();
        }
        String logs = Files.readString(dir.resolve("data." + others.get(0) + ".stderr"))
                + Files.readString(dir.resolve("data." + others.get(1) + ".stderr"));
        assertThat(logs).as("one of the others took the server over where it was").contains(
                "this process serves it now at " + properties(advertised).getProperty("uri"));
        assertThat(properties(advertised).getProperty("uri")).as("on the same port, so clients reconnect there")
                .isEqualTo(uri);
    }

    /** {@code from} sends {@code text} to {@code to}, which receives it. */
    private static void exchange(Map<String, DaemonProcess> processes, String from, String to, String text)
            throws Exception {
        JsonNode sent = processes.get(from).call("send", DaemonProcess.params(from).put("message", text)
                .set("recipient", DaemonProcess.params(from).arrayNode().add(to)));
        assertThat(sent.has("result")).as(from + " sends " + text + ": " + sent).isTrue();
        JsonNode got = processes.get(to).nextEnvelope(
                e -> text.equals(e.path("dataMessage").path("message").asText()), QUIET);
        assertThat(got).as(to + " receives " + text + " from " + from).isNotNull();
        assertThat(got.get("sourceNumber").asText()).isEqualTo(from);
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
            return p.getProperty("pid") == null ? null : p;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private record Run(int status, String stderr) {
    }

    private Run run(Path distribution, Path data, ServerProcess server, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/signalbox").toString(), "--config",
                data.toString(), "--server", server.uri().toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "run-", ".stderr");
        Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 120 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
