package org.signalbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The API table of docs/architecture.md names each package's version as its {@code package-info.java} declares
 * it, so the docs cannot drift from the code: a version bump fails this test until the table says it too.
 */
class PackageVersionsDocumentedTest {

    private static final Path SOURCES = Path.of("src/main/java/org/signalbox/api");
    private static final Path ARCHITECTURE = Path.of("../docs/architecture.md");
    private static final Pattern DECLARED = Pattern.compile("@Version\\(\"([0-9.]+)\"\\)");
    /** A table row: | `rpc` (0.3.0) | … or | `model` | … (the heading's default version). */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)`(?: \\(([0-9.]+)\\))? \\|", Pattern.MULTILINE);
    private static final Pattern DEFAULT = Pattern.compile("## The API \\(`org\\.signalbox\\.api\\.\\*`, packages at "
            + "([0-9.]+) unless marked\\)");

    @Test
    void theArchitectureTableNamesEveryPackageAtItsDeclaredVersion() throws IOException {
        Map<String, String> declared = new TreeMap<>();
        try (Stream<Path> infos = Files.walk(SOURCES)) {
            for (Path info : infos.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                Matcher m = DECLARED.matcher(Files.readString(info));
                assertThat(m.find()).as(info + " declares a @Version").isTrue();
                declared.put(SOURCES.relativize(info.getParent()).toString().replace('/', '.'), m.group(1));
            }
        }
        String docs = Files.readString(ARCHITECTURE);
        Matcher heading = DEFAULT.matcher(docs);
        assertThat(heading.find()).as("the API heading names the default version").isTrue();
        String api = docs.substring(heading.start(), docs.indexOf("\n## ", heading.end()));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(api);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) != null ? row.group(2) : heading.group(1));
        }
        assertThat(documented).as("docs/architecture.md, API table").isEqualTo(declared);
    }
}
