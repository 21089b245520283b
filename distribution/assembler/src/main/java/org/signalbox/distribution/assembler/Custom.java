package org.signalbox.distribution.assembler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.signalbox.launcher.Trees;

import aQute.bnd.osgi.Jar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signalbox-assemble}: a distribution of one's own, from the distribution this runs in: a base profile, plus
 * bundle jars or Maven coordinates, minus bundles, to a folder or a zip. The result is resolved in the framework
 * that will run it before anything is written; one that does not resolve is refused, naming what is missing.
 */
@Command(name = "signalbox-assemble", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Assemble a custom Signalbox distribution: a base profile, plus bundles, minus bundles.",
        footer = {"", "Exit status: 0 assembled, 1 refused (bad option, missing bundle, does not resolve), 2 failed."})
public final class Custom implements Callable<Integer> {

    @Option(names = "--base", paramLabel = "PROFILE", defaultValue = "full",
            description = "The profile to start from (this distribution's profiles/: minimal, server, full).")
    String base;

    @Option(names = "--add", paramLabel = "JAR|GROUP:ARTIFACT:VERSION",
            description = "A bundle to add: a jar file, or Maven coordinates fetched with mvn. Repeatable.")
    List<String> add = new ArrayList<>();

    @Option(names = "--without", paramLabel = "NAME",
            description = "A bundle to leave out, by symbolic name or artifact id. Repeatable.")
    List<String> without = new ArrayList<>();

    @Option(names = "--storage", paramLabel = "NAME",
            description = "The storage backend its commands use unless --storage says otherwise (conf/config.properties"
                    + " signalbox.storage): sqlite, memory, or one an added bundle registers.")
    String storage;

    @Option(names = "--to", paramLabel = "DIR", description = "Write the distribution to this new folder.")
    Path to;

    @Option(names = "--zip", paramLabel = "FILE", description = "Write the distribution as this zip file.")
    Path zip;

    private final Path home;

    Custom(Path home) {
        this.home = home;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("signalbox.home", ".")).toAbsolutePath().normalize();
        CommandLine cli = new CommandLine(new Custom(home));
        cli.getCommandSpec().exitCodeOnInvalidInput(1);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if ((to == null) == (zip == null)) {
            System.err.println("Give exactly one of --to DIR and --zip FILE");
            return 1;
        }
        Path target = to != null ? to.toAbsolutePath() : zip.toAbsolutePath();
        if (Files.exists(target)) {
            System.err.println(target + " exists already; give a new folder or file");
            return 1;
        }
        if (storage != null && !storage.matches("[A-Za-z0-9._-]+")) {
            System.err.println("--storage " + storage + ": a backend name is letters, digits and . _ -");
            return 1;
        }
        Path profiles = home.resolve("profiles");
        if (!Files.isRegularFile(profiles.resolve(base + ".profile"))) {
            System.err.println("No profile " + base + " in " + profiles);
            return 1;
        }
        Path work = Files.createTempDirectory(target.getParent() == null ? Path.of(".") : target.getParent(),
                ".signalbox-assemble-");
        try {
            // a zip holds one folder named as the zip
            Path layout = work.resolve(to != null ? to.getFileName().toString()
                    : zip.getFileName().toString().replaceFirst("\\.zip$", ""));
            List<String> refused = layOut(profiles, layout);
            if (storage != null) {
                defaultStorage(layout.resolve("conf/config.properties"));
            }
            if (refused.isEmpty()) {
                refused = Assemble.resolve(layout);
            }
            if (!refused.isEmpty()) {
                System.err.println("Not assembled: " + target);
                refused.forEach(r -> System.err.println("  " + r));
                return 1;
            }
            long bundles;
            try (Stream<Path> jars = Files.list(layout.resolve("bundle"))) {
                bundles = jars.count();
            }
            if (to != null) {
                Files.move(layout, target);
            } else {
                Assemble.zip(layout, target);
            }
            System.out.println("Assembled " + target + ": " + bundles + " bundles (" + base
                    + (add.isEmpty() ? "" : ", +" + add.size()) + (without.isEmpty() ? "" : ", -" + without.size())
                    + ")");
            return 0;
        } finally {
            Trees.delete(work);
        }
    }

    /** Names the default backend in the framework properties, in place of the base's. */
    private void defaultStorage(Path config) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(config));
        lines.removeIf(l -> l.startsWith("signalbox.storage="));
        lines.add("signalbox.storage=" + storage);
        Files.write(config, lines);
    }

    /** Lays out the distribution in {@code layout}; what cannot be done, said for the user (empty when done). */
    private List<String> layOut(Path profiles, Path layout) throws IOException, InterruptedException {
        List<Path> available;
        try (Stream<Path> s = Files.list(home.resolve("bundle"))) {
            available = s.toList();
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (String artifact : Assemble.artifacts(profiles, base, new LinkedHashSet<>())) {
            jars.add(Assemble.jarFor(artifact, available, home.resolve("bundle")));
        }
        List<String> problems = new ArrayList<>();
        for (String name : without) {
            List<Path> matching = new ArrayList<>();
            for (Path jar : jars) {
                if (names(jar, name)) {
                    matching.add(jar);
                }
            }
            if (matching.isEmpty()) {
                problems.add("--without " + name + ": profile " + base + " has no such bundle");
            }
            matching.forEach(jars::remove);
        }
        Path fetched = Files.createDirectories(layout.resolveSibling("fetched"));
        for (String a : add) {
            Path jar = Files.isRegularFile(Path.of(a)) ? Path.of(a) : fetch(a, fetched, problems);
            if (jar != null) {
                jars.add(jar);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Path bundleDir = Files.createDirectories(layout.resolve("bundle"));
        List<Path> copies = new ArrayList<>();
        for (Path jar : jars) {
            copies.add(Files.copy(jar, bundleDir.resolve(jar.getFileName())));
        }
        ModuleInfo.addWhereMissing(copies);
        for (Path copy : copies) {
            if (!ModuleInfo.isBundleAndModule(copy)) {
                problems.add(copy.getFileName() + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
        }
        for (String folder : List.of("bin", "lib", "conf", "profiles", "tools")) {
            if (Files.isDirectory(home.resolve(folder))) {
                Trees.copy(home.resolve(folder), layout.resolve(folder));
            }
        }
        return problems;
    }

    /** Whether {@code jar} is the bundle {@code name}: its symbolic name, or its file's artifact id. */
    private static boolean names(Path jar, String name) throws IOException {
        String file = jar.getFileName().toString();
        if (file.startsWith(name + "-") && file.length() > name.length() + 1
                && Character.isDigit(file.charAt(name.length() + 1))) {
            return true;
        }
        try (Jar j = new Jar(jar.toFile())) {
            return name.equals(j.getBsn());
        } catch (Exception e) {
            throw new IOException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** Maven coordinates, fetched with the user's own {@code mvn} and settings; null (and a problem) if not. */
    private static Path fetch(String coordinates, Path into, List<String> problems)
            throws IOException, InterruptedException {
        if (coordinates.split(":").length < 3) {
            problems.add("--add " + coordinates + ": neither a jar file nor GROUP:ARTIFACT:VERSION");
            return null;
        }
        Path dir = Files.createDirectories(into.resolve(Integer.toHexString(coordinates.hashCode())));
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        Process p;
        try {
            p = new ProcessBuilder("mvn", "-B", "-q", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
                    "-Dartifact=" + coordinates, "-DoutputDirectory=" + dir, "-Dmdep.useBaseVersion=true")
                    .directory(dir.toFile()) // no project around: a goal of its own, with the user's settings
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            problems.add("--add " + coordinates + ": fetching Maven coordinates needs mvn on the PATH ("
                    + e.getMessage() + "); give the jar file instead");
            return null;
        }
        p.getOutputStream().close();
        try (Stream<Path> got = Files.list(dir)) {
            List<Path> jars = p.waitFor() == 0 ? got.filter(f -> f.toString().endsWith(".jar")).toList() : List.of();
            if (jars.size() != 1) {
                List<String> said = Files.readAllLines(log).stream().filter(l -> l.contains("ERROR")).limit(3)
                        .toList();
                problems.add("--add " + coordinates + ": mvn could not fetch it" + (said.isEmpty() ? ""
                        : ": " + String.join(" ", said)));
                return null;
            }
            return jars.get(0);
        }
    }
}
