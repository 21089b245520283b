package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The data directory of the full distribution, written under umask 022 by two accounts and the embedded server
 * with a message queued, is readable by its owner only: checked by mode and by reading it as user {@code nobody},
 * and modes an older version left open are closed on the next start.
 */
class PrivateDataTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void accountsAndTheServerDatabaseAreTheOwnersOnly() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to user nobody needs root");
        Path full = Assembled.distributions().resolve("signalbox-full");
        // nobody may walk down to the data directory, so only Signalbox's own modes stand in its way
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = dir.resolve("config");
        Path control = Files.writeString(dir.resolve("control.txt"), "readable");
        assertThat(readableByNobody(control)).as("the check can fail: a 0644 file beside it is readable").isTrue();

        runSession(full, config);

        List<Path> everything = walk(config);
        assertThat(everything).extracting(p -> config.relativize(p).toString()).contains("data/accounts.json",
                "server/account.db");
        assertThat(everything.stream().filter(p -> p.toString().endsWith("account.db")).count())
                .as("two accounts and the server").isEqualTo(3);
        assertPrivate(everything);
        for (Path p : everything) {
            if (Files.isRegularFile(p)) {
                assertThat(readableByNobody(p)).as(p.toString()).isFalse();
            }
        }

        // as an older version (or another umask) would have left it; the folder given as --config is the user's
        for (Path p : everything) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
        Path accountsJson = config.resolve("data/accounts.json");
        assertThat(readableByNobody(accountsJson)).as("opened up for the test").isTrue();
        Process again = start(full, config, "jsonRpc");
        again.getOutputStream().close();
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertPrivate(walk(config).stream().filter(p -> !p.equals(config)).toList());
        assertThat(readableByNobody(accountsJson)).isFalse();
    }

    /** Two accounts register, A sends B a message that waits on the server (B is in manual receive mode). */
    private void runSession(Path full, Path config) throws Exception {
        Process p = start(full, config, "jsonRpc", "--receive-mode", "manual");
        try (OutputStream in = p.getOutputStream(); BufferedReader out = new BufferedReader(new InputStreamReader(
                p.getInputStream(), StandardCharsets.UTF_8))) {
            int id = 0;
            for (String n : List.of("+15550001111", "+15550002222")) {
                call(in, out, ++id, "register", "{\"account\":\"" + n + "\"}");
                call(in, out, ++id, "verify", "{\"account\":\"" + n + "\",\"verificationCode\":\"1\"}");
            }
            JsonNode sent = call(in, out, ++id, "send", "{\"account\":\"+15550001111\",\"recipient\":"
                    + "[\"+15550002222\"],\"message\":\"secret\"}");
            assertThat(sent.path("result").path("results").get(0).path("type").asText()).isEqualTo("SUCCESS");
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    }

    private static JsonNode call(OutputStream in, BufferedReader out, int id, String method, String params)
            throws IOException {
        in.write(("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + id
                + "}\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            JsonNode n = MAPPER.readTree(line);
            if (n.path("id").asInt() == id) {
                assertThat(n.has("error")).as(line).isFalse();
                return n;
            }
        }
        throw new AssertionError("jsonRpc ended before answer " + id);
    }

    /** The distribution under the usual umask 022, as a login shell would start it. */
    private Process start(Path full, Path config, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 022; exec \"$0\" \"$@\"",
                full.resolve("bin/signalbox").toString(), "--config", config.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private static List<Path> walk(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.toList();
        }
    }

    private static void assertPrivate(List<Path> paths) throws IOException {
        for (Path p : paths) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }

    private static boolean readableByNobody(Path file) throws Exception {
        Process cat = new ProcessBuilder("runuser", "-u", "nobody", "--", "cat", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(cat.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return cat.exitValue() == 0;
    }
}
