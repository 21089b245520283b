package org.signalbox.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.signalbox.launcher.Trees;

/**
 * A throw-away copy of a distribution with extra bundles in {@code bundle/}: the original's jars are linked, not
 * copied; {@code bin/} and {@code conf/} are copied so the copy is self-contained.
 */
final class PrivateDistribution {

    private PrivateDistribution() {
    }

    static Path create(Path original, List<Path> extraBundles, Path into) throws IOException {
        Path copy = Files.createDirectories(into.resolve("distribution"));
        for (String folder : List.of("bin", "conf")) {
            Trees.copy(original.resolve(folder), copy.resolve(folder));
        }
        for (String folder : List.of("lib", "bundle")) {
            Path target = Files.createDirectories(copy.resolve(folder));
            try (Stream<Path> jars = Files.list(original.resolve(folder))) {
                for (Path jar : jars.toList()) {
                    Files.createSymbolicLink(target.resolve(jar.getFileName()), jar.toAbsolutePath());
                }
            }
        }
        for (Path jar : extraBundles) {
            Files.copy(jar, copy.resolve("bundle").resolve(jar.getFileName()));
        }
        return copy;
    }
}
