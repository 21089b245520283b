package org.signalbox.distribution.assembler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.signalbox.launcher.Trees;

/**
 * Build step: lays out one folder per profile, {@code signalbox-<profile>/} with {@code bin/}, {@code lib/},
 * {@code bundle/} and {@code conf/}. A profile file lists artifact ids, one a line; {@code include NAME} takes in
 * another profile; {@code #} starts a comment.
 *
 * <p>Before that, every bundle without a {@code module-info.class} gets one (see {@link ModuleInfo}), so that each
 * jar in {@code bundle/} is both an OSGi bundle and a JPMS module. After it, each profile is resolved in the
 * framework that runs it ({@code org.signalbox.launcher.Resolution}): one whose bundles need what it does not hold
 * fails the build, naming the bundle and the requirement.
 *
 * <p>Arguments: output directory, profiles directory, directory of all bundle jars, directory of launcher jars,
 * template directory (its {@code bin/} and {@code conf/} are copied), {@code true} to also write zips, and the
 * directory of the assembler's own jars (each distribution's {@code tools/}, for {@code bin/signalbox-assemble},
 * with the profiles in {@code profiles/} and the third-party bundle templates in {@code templates/}).
 */
public final class Assemble {

    private Assemble() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path profiles = Path.of(args[1]);
        Path bundles = Path.of(args[2]);
        Path lib = Path.of(args[3]);
        Path template = Path.of(args[4]);
        boolean zip = args.length > 5 && Boolean.parseBoolean(args[5]);
        Path tools = Path.of(args[6]);
        List<String> names;
        try (Stream<Path> files = Files.list(profiles)) {
            names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".profile"))
                    .map(f -> f.substring(0, f.length() - ".profile".length())).sorted().toList();
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(bundles)) {
            all = s.toList();
        }
        Set<Path> used = new LinkedHashSet<>();
        for (String name : names) {
            for (String artifact : artifacts(profiles, name, new LinkedHashSet<>())) {
                used.add(jarFor(artifact, all, bundles));
            }
        }
        ModuleInfo.addWhereMissing(List.copyOf(used));
        for (String name : names) {
            Path target = out.resolve("signalbox-" + name);
            layOut(target, artifacts(profiles, name, new LinkedHashSet<>()), all, bundles, lib, template);
            Trees.copy(tools, target.resolve("tools"));
            Trees.copy(profiles, target.resolve("profiles"));
            // the third-party bundle templates, beside the profiles in the source tree (docs/third-party-bundles.md)
            Trees.copy(profiles.resolveSibling("templates"), target.resolve("templates"));
            List<String> problems = resolve(target);
            if (!problems.isEmpty()) {
                throw new IOException("Profile " + name + " does not resolve:\n  " + String.join("\n  ", problems));
            }
            if (zip) {
                zip(target, out.resolve("signalbox-" + name + ".zip"));
            }
            System.out.println("Assembled " + target);
        }
    }

    /**
     * What the framework's resolver finds missing in the laid-out distribution {@code home}; empty when nothing.
     * It runs in a child process on the distribution's own {@code lib/}, the class path {@code bin/signalbox}
     * uses, since this build step's class path holds other OSGi framework classes.
     */
    static List<String> resolve(Path home) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", home.resolve("lib").toString() + "/*",
                "org.signalbox.launcher.Resolution", home.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        try {
            if (p.waitFor() == 0) {
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while resolving " + home, e);
        }
        // the problem lines, without the JDK's warnings about the framework's use of Unsafe
        List<String> problems = lines.stream().filter(l -> !l.startsWith("WARNING:")).toList();
        return problems.isEmpty() ? List.of("the resolution check failed with no message") : problems;
    }

    static Set<String> artifacts(Path profiles, String name, Set<String> into) throws IOException {
        for (String raw : Files.readAllLines(profiles.resolve(name + ".profile"))) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ")) {
                artifacts(profiles, line.substring("include ".length()).strip(), into);
            } else {
                into.add(line);
            }
        }
        return into;
    }

    /** The one jar of {@code artifact} (file name {@code artifact-VERSION.jar}). */
    static Path jarFor(String artifact, List<Path> all, Path bundles) throws IOException {
        List<Path> matches = new ArrayList<>();
        for (Path jar : all) {
            String file = jar.getFileName().toString();
            if (file.startsWith(artifact + "-") && file.endsWith(".jar")
                    && Character.isDigit(file.charAt(artifact.length() + 1))) {
                matches.add(jar);
            }
        }
        if (matches.size() != 1) {
            throw new IOException("a profile names " + artifact + ", found " + matches.size() + " jars for it in "
                    + bundles + "; add it to distribution/pom.xml");
        }
        return matches.get(0);
    }

    private static void layOut(Path target, Set<String> artifacts, List<Path> all, Path bundles, Path lib,
            Path template) throws IOException {
        Trees.delete(target);
        Path bundleDir = Files.createDirectories(target.resolve("bundle"));
        for (String artifact : artifacts) {
            Path jar = jarFor(artifact, all, bundles);
            if (!ModuleInfo.isBundleAndModule(jar)) {
                throw new IOException(jar + " lacks an OSGi manifest or a module-info");
            }
            Files.copy(jar, bundleDir.resolve(jar.getFileName()));
        }
        Trees.copy(lib, target.resolve("lib"));
        Trees.copy(template, target);
        try (Stream<Path> s = Files.list(target.resolve("bin"))) {
            for (Path script : s.toList()) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static void zip(Path folder, Path zipFile) throws IOException {
        try (OutputStream os = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(os);
                Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.getFileName() + "/" + folder.relativize(p)));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }
}
