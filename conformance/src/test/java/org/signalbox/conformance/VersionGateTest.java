package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What clients that gate features on signal-cli's version read: both versions come from the built bundles'
 * manifests, and the way such clients parse them yields the signal-cli contract (docs/protocol/version.md).
 */
class VersionGateTest {

    /** How wrappers read {@code signal-cli --version}: the first X.Y.Z after "signal-cli ". */
    private static final Pattern CLIENT_PARSE = Pattern.compile("^signal-cli (\\d+)\\.(\\d+)\\.(\\d+)");

    private static Path full;
    private static Attributes manifest;

    @TempDir
    Path dir;

    @BeforeAll
    static void readManifest() throws IOException {
        full = Assembled.distributions().resolve("signalbox-full");
        try (Stream<Path> jars = Files.list(full.resolve("bundle"))) {
            Path cli = jars.filter(p -> p.getFileName().toString().startsWith("org.signalbox.core.cli-"))
                    .findFirst().orElseThrow();
            try (JarFile jar = new JarFile(cli.toFile())) {
                manifest = jar.getManifest().getMainAttributes();
            }
        }
    }

    @Test
    void versionOptionLeadsWithTheContractAndNamesSignalbox() throws Exception {
        String contract = manifest.getValue("Signal-Cli-Version");
        String own = manifest.getValue("Signalbox-Version");
        assertThat(contract).as("Signal-Cli-Version header").matches("\\d+\\.\\d+\\.\\d+");
        assertThat(own).as("Signalbox-Version header").isNotBlank();

        String line = run("--version");
        assertThat(line).isEqualTo("signal-cli " + contract + " (signalbox " + own + ")");
        Matcher m = CLIENT_PARSE.matcher(line);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1) + "." + m.group(2) + "." + m.group(3)).isEqualTo(contract);
        assertThat(run("--config", dir.resolve("data").toString(), "version")).isEqualTo(line);
    }

    @Test
    void versionMethodAnswersTheContractInSignalCliFieldAndSignalboxBeside() throws Exception {
        try (JsonRpcProcess p = JsonRpcProcess.start(full, dir)) {
            JsonNode result = p.call("version", null).get("result");
            assertThat(result.get("version").asText()).isEqualTo(manifest.getValue("Signal-Cli-Version"));
            assertThat(result.get("signalbox").asText()).isEqualTo(manifest.getValue("Signalbox-Version"));
        }
    }

    private String run(String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(full.resolve("bin/signalbox").toString()),
                Stream.of(args)).toList());
        pb.environment().put("SIGNALBOX_CDS", "off");
        pb.redirectError(dir.resolve("stderr.log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit status of %s", String.join(" ", args)).isZero();
        return out;
    }
}
