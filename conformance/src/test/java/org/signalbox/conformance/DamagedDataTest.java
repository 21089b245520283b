package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A damaged or read-only data directory is said in the user's terms at start, with exit 3, no Java class names
 * and no stack trace; a damaged accounts.json is not taken for an empty one (and not written over).
 */
class DamagedDataTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String A = "+15550001111";
    private static Path full;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(List<String> prefix, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(full.resolve("bin/signalbox").toString(), "--config", dir.resolve("data").toString()));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private Run run(String... args) throws Exception {
        return run(List.of(), "", args);
    }

    private void register() throws Exception {
        assertThat(run("-a", A, "register").exit()).isZero();
        assertThat(run("-a", A, "verify", "--verification-code", "1").exit()).isZero();
    }

    private static void assertPlain(String stderr) {
        assertThat(stderr).doesNotContain("Exception", "at org.", "at java.", "com.fasterxml", "org.signalbox");
    }

    @Test
    void aDamagedAccountsFileIsSaidAndNotWrittenOver() throws Exception {
        register();
        Path accounts = dir.resolve("data/data/accounts.json");
        String whole = Files.readString(accounts);
        String cut = whole.substring(0, whole.length() / 2);
        Files.writeString(accounts, cut);
        Run daemon = run(List.of(), "{\"jsonrpc\":\"2.0\",\"method\":\"listAccounts\",\"id\":1}\n", "jsonRpc");
        assertThat(daemon.exit()).isEqualTo(3);
        assertThat(daemon.stderr()).contains("accounts.json is damaged (not valid JSON at line").contains(
                "Signalbox will not write over it");
        assertPlain(daemon.stderr());
        Run again = run("-a", "+15550002222", "register");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(Files.readString(accounts)).as("left as it was").isEqualTo(cut);
    }

    @Test
    void aDamagedDatabaseIsSaidAtOpen() throws Exception {
        register();
        JsonNode entry = MAPPER.readTree(dir.resolve("data/data/accounts.json").toFile()).path("accounts").get(0);
        Path db = dir.resolve("data/data/" + entry.path("path").asText() + ".d/account.db");
        // a page in the middle overwritten: the header is fine, the b-tree is not
        try (FileChannel c = FileChannel.open(db, StandardOpenOption.WRITE)) {
            long pages = c.size() / 4096;
            assertThat(pages).isGreaterThan(2);
            c.write(ByteBuffer.wrap("garbage".repeat(585).getBytes(StandardCharsets.US_ASCII)), 4096 * (pages / 2));
        }
        Files.deleteIfExists(Path.of(db + "-wal"));
        Run broken = run("-a", A, "-o", "json", "listContacts");
        assertThat(broken.exit()).isEqualTo(3);
        assertThat(broken.stderr()).contains("account.db is damaged (").contains("restore it from a backup");
        assertPlain(broken.stderr());

        Files.writeString(db, "this is not a database at all, but it is long enough to hold a header".repeat(2));
        Run overwritten = run("-a", A, "-o", "json", "listContacts");
        assertThat(overwritten.exit()).isEqualTo(3);
        assertThat(overwritten.stderr()).contains("account.db is damaged (it is not an SQLite database)");
        assertPlain(overwritten.stderr());
    }

    @Test
    void aReadOnlyDataDirectoryIsSaidAtStart() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a read-only bind mount needs root");
        register();
        // in a mount namespace of its own, so the read-only mount ends with the process
        String data = dir.resolve("data").toString();
        List<String> readOnly = List.of("unshare", "-m", "sh", "-c", "mount --bind \"$0\" \"$0\" && mount -o "
                + "remount,ro,bind \"$0\" \"$0\" && shift && exec \"$@\"", data, "--");
        Run daemon = run(readOnly, "", "daemon", "--tcp", "127.0.0.1:0");
        assertThat(daemon.exit()).as(daemon.stderr()).isEqualTo(3);
        assertThat(daemon.stderr()).contains("is read-only").doesNotContain("in use by another");
        assertPlain(daemon.stderr());
    }
}
