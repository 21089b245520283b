package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.launcher.Trees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The build resolves every profile in the framework that runs it (Assemble, with the launcher's Resolution):
 * the assembled ones resolve, and a distribution that lacks what a bundle needs is refused, naming the bundle and
 * the requirement.
 */
class ProfilesResolveTest {

    @TempDir
    Path dir;

    private static Process check(Path home) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", home.resolve("lib") + "/*", "org.signalbox.launcher.Resolution",
                home.toString()).redirectErrorStream(true).start();
    }

    private static List<String> problems(Process p) throws Exception {
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.startsWith("WARNING:")).toList();
    }

    @Test
    void everyAssembledProfileResolves() throws Exception {
        Path distributions = Assembled.distributions();
        for (String profile : List.of("minimal", "server", "full")) {
            Process p = check(distributions.resolve("signalbox-" + profile));
            assertThat(problems(p)).as(profile).isEmpty();
            assertThat(p.exitValue()).as(profile).isZero();
        }
    }

    @Test
    void aDistributionListsItsBundlesAndTheirState() throws Exception {
        Path minimal = Assembled.distributions().resolve("signalbox-minimal");
        Process p = new ProcessBuilder(minimal.resolve("bin/signalbox").toString(), "-o", "json", "bundles")
                .redirectError(dir.resolve("stderr.log").toFile()).start();
        p.getOutputStream().close();
        JsonNode rows = new ObjectMapper().readTree(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(rows.findValuesAsText("symbolicName")).contains("org.signalbox.core.engine",
                "org.signalbox.core.cli", "org.signalbox.core.daemon", "org.signalbox.core.messaging")
                .doesNotContain("org.signalbox.transport.socket");
        for (JsonNode row : rows) {
            assertThat(row.path("state").asText()).as(row.toString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aMissingLibraryIsNamedWithTheBundleThatNeedsIt() throws Exception {
        Path copy = dir.resolve("broken");
        Trees.copy(Assembled.distributions().resolve("signalbox-minimal"), copy);
        try (Stream<Path> jars = Files.list(copy.resolve("bundle"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("json-schema-validator-")).toList()) {
                Files.delete(jar);
            }
        }
        Process p = check(copy);
        List<String> problems = problems(p);
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(problems).singleElement().asString().startsWith("Unable to resolve org.signalbox.core.engine")
                .contains("missing requirement").contains("osgi.wiring.package=com.networknt.schema");
    }
}
