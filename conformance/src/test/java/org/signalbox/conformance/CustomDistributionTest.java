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
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bin/signalbox-assemble}, as an operator runs it from an assembled distribution outside this source tree:
 * a base profile plus and minus bundles, resolved before it is written, refused naming what is missing.
 */
class CustomDistributionTest {

    private static Path full;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".log");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private static Path example() throws IOException {
        try (Stream<Path> built = Files.list(Path.of("example-bundle/target"))) {
            return built.filter(p -> p.getFileName().toString().matches("org\\.signalbox\\.example\\.echo-.*\\.jar"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void aBaseProfilePlusAJarMinusABundleIsAWorkingDistribution() throws Exception {
        Path custom = dir.resolve("custom");
        Run assembled = run(full.resolve("bin/signalbox-assemble"), "--base", "minimal", "--add",
                example().toString(), "--without", "org.signalbox.storage.memory", "--to", custom.toString());
        assertThat(assembled.exit()).as(assembled.stderr()).isZero();
        assertThat(assembled.stdout()).startsWith("Assembled " + custom);

        Run bundles = run(custom.resolve("bin/signalbox"), "-o", "json", "bundles");
        JsonNode rows = new ObjectMapper().readTree(bundles.stdout());
        assertThat(rows.findValuesAsText("symbolicName")).contains("org.signalbox.example.echo",
                "org.signalbox.core.engine").doesNotContain("org.signalbox.storage.memory",
                "org.signalbox.transport.socket");
        Run echo = run(custom.resolve("bin/signalbox"), "-c", dir.resolve("data").toString(), "-o", "json", "echo",
                "--text", "hi");
        assertThat(echo.exit()).as(echo.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(echo.stdout()).path("text").asText()).isEqualTo("hi");
    }

    @Test
    void aDistributionThatDoesNotResolveIsRefusedNamingWhatIsMissing() throws Exception {
        Path custom = dir.resolve("broken");
        Run refused = run(full.resolve("bin/signalbox-assemble"), "--base", "minimal", "--without",
                "com.networknt.json-schema-validator", "--to", custom.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("Not assembled: " + custom)
                .contains("Unable to resolve org.signalbox.core.engine")
                .contains("osgi.wiring.package=com.networknt.schema");
        assertThat(custom).as("nothing written").doesNotExist();

        Run unknown = run(full.resolve("bin/signalbox-assemble"), "--base", "minimal", "--without", "no.such.bundle",
                "--to", custom.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("--without no.such.bundle: profile minimal has no such bundle");
    }

    /** Maven coordinates come through the operator's own mvn: here one the build itself resolved. */
    @Test
    void mavenCoordinatesAreFetchedIntoAZip() throws Exception {
        String jwt;
        try (Stream<Path> jars = Files.list(full.resolve("bundle"))) {
            jwt = jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nimbus-jose-jwt-"))
                    .findFirst().orElseThrow();
        }
        String version = jwt.substring("nimbus-jose-jwt-".length(), jwt.length() - ".jar".length());
        Path zip = dir.resolve("with-jwt.zip");
        Run assembled = run(full.resolve("bin/signalbox-assemble"), "--base", "minimal", "--add",
                "com.nimbusds:nimbus-jose-jwt:" + version, "--zip", zip.toString());
        assertThat(assembled.exit()).as(assembled.stderr()).isZero();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.stream().map(e -> e.getName()).toList()).contains("with-jwt/bin/signalbox",
                    "with-jwt/bundle/" + jwt);
        }
    }
}
