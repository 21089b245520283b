package org.signalbox.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The transport kinds a distribution serves, read from its bundles' manifests without starting it: a transport
 * bundle states each kind as a capability {@code org.signalbox.transport.kind;org.signalbox.transport.kind=tcp}.
 */
final class TransportKinds {

    private static final Pattern KIND = Pattern.compile(
            "org\\.signalbox\\.transport\\.kind;\\s*org\\.signalbox\\.transport\\.kind(?::String)?=\"?([\\w.-]+)\"?");

    private TransportKinds() {
    }

    static Set<String> of(Path distribution) throws IOException {
        Set<String> kinds = new TreeSet<>();
        try (Stream<Path> jars = Files.list(distribution.resolve("bundle"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    String provided = file.getManifest() == null ? null
                            : file.getManifest().getMainAttributes().getValue("Provide-Capability");
                    if (provided != null) {
                        Matcher m = KIND.matcher(provided);
                        while (m.find()) {
                            kinds.add(m.group(1));
                        }
                    }
                }
            }
        }
        return kinds;
    }
}
