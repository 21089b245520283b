package org.signalbox.conformance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.signalbox.launcher.Trees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Replays one transcript against one distribution: a fresh data directory, accounts set up through the CLI,
 * the daemon as a child process, every step checked in order, and at the end a clean exit with no output left
 * unexamined.
 */
final class Replay {

    /**
     * A bound on a hang, never a claim about speed: a session's first network step also starts the embedded
     * messaging server, which took over 10 s while a full build loaded both cores.
     */
    static final long DEFAULT_TIMEOUT = 30_000;
    static final long EXIT_TIMEOUT = 30_000;
    /** The first answer of a session also waits for the daemon to start (slow on a loaded machine). */
    static final long STARTUP_TIMEOUT = 60_000;
    /** The bundle that gives a daemon its embedded messaging server. */
    static final String EMBEDDED_SERVER = "org.signalbox.server.service";

    private final Path original;
    private final Set<String> features;
    /** The result contracts in the original distribution's bundles, read once for all its replays. */
    private Contracts originalContracts;
    private final List<Path> bundleFolders;
    private final ObjectMapper mapper;
    private final Path serverDistribution;
    private final SessionChannel channel;

    /**
     * @param serverDistribution a server distribution to start a messaging server from, for each replay against
     *     a distribution without the embedded server; null for none
     */
    Replay(Path distribution, SessionChannel channel, Set<String> features, List<Path> bundleFolders,
            ObjectMapper mapper, Path serverDistribution) {
        this.original = distribution;
        this.channel = channel;
        this.serverDistribution = serverDistribution;
        this.features = features;
        this.bundleFolders = bundleFolders;
        this.mapper = mapper;
    }

    /** A step failed; the message says how. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    Outcome run(Transcript t) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Set<String> added = new java.util.HashSet<>();
        t.json().path("bundles").forEach(b -> added.add(b.asText()));
        for (JsonNode feature : t.json().path("requires")) {
            if (!features.contains(feature.asText()) && !added.contains(feature.asText())) {
                return new Outcome(t.name(), Outcome.Status.SKIPPED, "distribution lacks " + feature.asText(), "",
                        "", 0);
            }
        }
        String unsuitable = channel.unsuitable(t);
        if (unsuitable != null) {
            return new Outcome(t.name(), Outcome.Status.SKIPPED, unsuitable, "", "", 0);
        }
        Path work = Files.createTempDirectory("signalbox-conformance-");
        Path data = Files.createDirectory(work.resolve("data"));
        StringBuilder log = new StringBuilder();
        Client daemon = null;
        ServerProcess server = null;
        String stderr = "";
        try {
            TunnelSide tunnels = TunnelSide.prepare(t.json(), work, mapper);
            Path distribution = distribution(t, work, tunnels);
            if (serverDistribution != null && !features.contains(EMBEDDED_SERVER)) {
                server = ServerProcess.start(serverDistribution, Files.createDirectory(work.resolve("server")));
                log.append("(messaging server ").append(server.uri()).append(")\n");
            }
            Setup setup = new Setup(distribution, !distribution.equals(original), data,
                    server == null ? null : server.uri(), tunnels == null ? Map.of() : tunnels.environment());
            for (JsonNode account : t.json().path("accounts")) {
                register(setup, account.asText(), log);
            }
            JsonNode session = t.json().get("session");
            if (session != null) {
                List<String> command = setup.command();
                if (session.has("account")) {
                    command.add("-a");
                    command.add(session.get("account").asText());
                }
                daemon = channel.start(setup::process, command, session, work, log);
            }
            Patterns patterns = new Patterns(new HashMap<>());
            Calls calls = new Calls(contracts(distribution));
            int index = 0;
            for (JsonNode step : t.json().get("steps")) {
                index++;
                try {
                    step(step, daemon, setup, patterns, calls, log);
                } catch (Failure f) {
                    throw new Failure("step " + index + (step.has("comment") ? " (" + step.get("comment").asText()
                            + ")" : "") + ": " + f.getMessage());
                }
            }
            if (daemon != null) {
                finish(daemon, log);
            }
            if (tunnels != null) {
                tunnels.verify(patterns, log);
            }
            return new Outcome(t.name(), Outcome.Status.PASSED, null, log.toString(), "", seconds(start));
        } catch (Failure f) {
            if (daemon != null) {
                daemon.close();
                stderr = Files.readString(daemon.stderr(), StandardCharsets.UTF_8);
            }
            return new Outcome(t.name(), Outcome.Status.FAILED, f.getMessage(), log.toString(), stderr,
                    seconds(start));
        } finally {
            if (daemon != null) {
                daemon.close();
            }
            if (server != null) {
                server.close();
            }
            Trees.delete(work);
        }
    }

    /** A private copy has bundles of its own to read; the original's are read once. */
    private synchronized Contracts contracts(Path distribution) throws IOException {
        if (!distribution.equals(original)) {
            return Contracts.of(distribution, mapper);
        }
        if (originalContracts == null) {
            originalContracts = Contracts.of(original, mapper);
        }
        return originalContracts;
    }

    /**
     * The distribution itself, or a private copy of it with the extra bundles it lacks of the transcript's, and
     * the call configuration it sets.
     */
    private Path distribution(Transcript t, Path work, TunnelSide tunnels) throws IOException, Failure {
        String calls = tunnels == null ? null : tunnels.configuration();
        Path d = withBundles(t, work);
        if (calls == null) {
            return d;
        }
        if (d.equals(original)) {
            d = PrivateDistribution.create(original, List.of(), work);
        }
        Files.writeString(d.resolve("conf/org.signalbox.calls.cfg"), calls);
        return d;
    }

    private Path withBundles(Transcript t, Path work) throws IOException, Failure {
        JsonNode names = t.json().path("bundles");
        if (names.isEmpty()) {
            return original;
        }
        List<Path> jars = new ArrayList<>();
        for (JsonNode name : names) {
            // a distribution assembled with the bundle already has it: replay on it as it is
            if (!features.contains(name.asText())) {
                jars.add(findBundle(name.asText()));
            }
        }
        return jars.isEmpty() ? original : PrivateDistribution.create(original, jars, work);
    }

    private Path findBundle(String artifact) throws IOException, Failure {
        for (Path folder : bundleFolders) {
            try (var files = Files.list(folder)) {
                var jar = files.filter(p -> {
                    String f = p.getFileName().toString();
                    return f.startsWith(artifact + "-") && f.endsWith(".jar") && !f.endsWith("-tests.jar");
                }).findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new Failure("bundle " + artifact + " not found in " + bundleFolders + " (--bundles)");
    }

    /** The calls of one replay by id, so that each answer is checked against its method's contract. */
    private final class Calls {
        private final Contracts contracts;
        private final Map<String, String> methods = new HashMap<>();

        Calls(Contracts contracts) {
            this.contracts = contracts;
        }

        void sent(String line) {
            JsonNode sent;
            try {
                sent = mapper.readTree(line);
            } catch (IOException | RuntimeException notJsonRpc) {
                return; // a raw line that tests the parser: there is no call to check an answer of
            }
            for (JsonNode request : sent.isArray() ? sent : List.of(sent)) {
                if (request.path("method").isTextual() && request.has("id")) {
                    methods.put(request.get("id").toString(), request.get("method").asText());
                }
            }
        }

        void check(JsonNode got) throws Failure {
            for (JsonNode answer : got.isArray() ? got : List.of(got)) {
                String method = methods.get(answer.path("id").toString());
                if (method != null && answer.has("result")) {
                    String broken = contracts.broken(method, answer.get("result"));
                    if (broken != null) {
                        throw new Failure(broken);
                    }
                }
            }
        }
    }

    private void step(JsonNode step, Client daemon, Setup setup, Patterns patterns, Calls calls, StringBuilder log)
            throws Failure, IOException, InterruptedException {
        long timeout = step.path("timeout").asLong(DEFAULT_TIMEOUT);
        if (step.has("run")) {
            run(step, setup, patterns, log, timeout);
            return;
        }
        if (daemon == null) {
            throw new Failure("this step needs a session, and the transcript starts none");
        }
        if (step.has("send")) {
            String line = mapper.writeValueAsString(patterns.substitute(step.get("send")));
            log.append("> ").append(line).append('\n');
            calls.sent(line);
            daemon.send(line);
        }
        if (step.has("sendRaw")) {
            log.append("> ").append(step.get("sendRaw").asText()).append('\n');
            calls.sent(step.get("sendRaw").asText());
            daemon.send(step.get("sendRaw").asText());
        }
        if (step.has("expect")) {
            JsonNode got = receive(daemon, timeout, log);
            calls.check(got);
            String m = patterns.mismatch(step.get("expect"), got);
            if (m != null) {
                throw new Failure(m);
            }
        }
        if (step.has("expectUnordered")) {
            List<JsonNode> wanted = new ArrayList<>();
            step.get("expectUnordered").forEach(wanted::add);
            List<JsonNode> got = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                got.add(receive(daemon, timeout, log));
                calls.check(got.get(got.size() - 1));
            }
            for (JsonNode w : wanted) {
                JsonNode hit = got.stream().filter(g -> patterns.matches(w, g)).findFirst()
                        .orElseThrow(() -> new Failure("nothing among " + got + " matches " + w));
                got.remove(hit);
            }
        }
        if (step.has("expectSilence")) {
            String line = daemon.next(step.get("expectSilence").asLong());
            if (line != null) {
                log.append("< ").append(line).append('\n');
                throw new Failure("expected silence, got " + line);
            }
        }
        if (step.has("closeInput")) {
            log.append("(stdin closed)\n");
            daemon.closeInput();
            if (step.has("expectExit")) {
                Integer status = daemon.waitFor(EXIT_TIMEOUT);
                expectStatus(step.get("expectExit").asInt(), status);
            }
        }
    }

    private JsonNode receive(Client daemon, long timeout, StringBuilder log) throws Failure, InterruptedException {
        String line = daemon.next(daemon.started() ? timeout : Math.max(timeout, STARTUP_TIMEOUT));
        if (line == null) {
            throw new Failure("nothing arrived within " + timeout + " ms");
        }
        log.append("< ").append(line).append('\n');
        try {
            return mapper.readTree(line);
        } catch (IOException e) {
            throw new Failure("stdout line is not JSON: " + line);
        }
    }

    private void run(JsonNode step, Setup setup, Patterns patterns, StringBuilder log, long timeout)
            throws Failure, IOException, InterruptedException {
        Path data = setup.data();
        List<String> command = setup.command();
        patterns.substitute(step.get("run")).forEach(a -> command.add(a.asText())); // an argument may be {"$var"}
        log.append("$ ").append(String.join(" ", command.subList(1, command.size()))).append('\n');
        Path out = data.resolve("run.stdout");
        Path err = data.resolve("run.stderr");
        Process p = setup.process(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(Math.max(timeout, EXIT_TIMEOUT), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new Failure("command did not end within " + Math.max(timeout, EXIT_TIMEOUT) + " ms");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        log.append(stdout.isEmpty() ? "" : "stdout: " + stdout.strip() + "\n")
                .append(stderr.isEmpty() ? "" : "stderr: " + stderr.strip() + "\n")
                .append("exit: ").append(p.exitValue()).append('\n');
        if (step.has("expectExit")) {
            expectStatus(step.get("expectExit").asInt(), p.exitValue());
        }
        if (step.has("expectStdout")) {
            JsonNode pattern = step.get("expectStdout");
            if (Patterns.isDirective(pattern) && pattern.has("$regex")) {
                text("stdout", pattern.get("$regex").asText(), stdout);
            } else {
                JsonNode json;
                try {
                    json = mapper.readTree(stdout);
                } catch (IOException e) {
                    throw new Failure("stdout is not JSON: " + stdout);
                }
                String m = patterns.mismatch(pattern, json);
                if (m != null) {
                    throw new Failure("stdout " + m);
                }
            }
        }
        if (step.has("expectStderr")) {
            text("stderr", step.get("expectStderr").path("$regex").asText(), stderr);
        }
    }

    private static void text(String what, String regex, String actual) throws Failure {
        if (!Pattern.compile(regex, Pattern.DOTALL).matcher(actual.strip()).matches()) {
            throw new Failure(what + " does not match /" + regex + "/: " + actual.strip());
        }
    }

    private void register(Setup setup, String number, StringBuilder log) throws Failure, IOException,
            InterruptedException {
        for (List<String> args : List.of(List.of("-a", number, "register"),
                List.of("-a", number, "verify", "--verification-code", "123456"))) {
            List<String> command = setup.command();
            command.addAll(args);
            log.append("$ ").append(String.join(" ", command.subList(1, command.size()))).append('\n');
            Process p = setup.process(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(EXIT_TIMEOUT, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new Failure("setting up account " + number + " failed: " + output.strip());
            }
        }
    }

    private void finish(Client daemon, StringBuilder log) throws Failure, IOException, InterruptedException {
        daemon.closeInput();
        Integer status = daemon.waitFor(EXIT_TIMEOUT);
        List<String> rest = daemon.remaining();
        rest.forEach(l -> log.append("< ").append(l).append('\n'));
        if (status == null) {
            throw new Failure("the session did not end within " + EXIT_TIMEOUT + " ms of EOF on its input");
        }
        if (!rest.isEmpty()) {
            throw new Failure("unexpected output at the end: " + rest);
        }
        if (status != 0) {
            throw new Failure("the daemon exited with status " + status + " at EOF on its input, not 0");
        }
    }

    private static void expectStatus(int wanted, Integer actual) throws Failure {
        if (actual == null) {
            throw new Failure("expected exit status " + wanted + ", but the process did not end");
        }
        if (actual != wanted) {
            throw new Failure("expected exit status " + wanted + ", got " + actual);
        }
    }

    /**
     * Where one replay's processes run: the distribution, its data directory, the server it uses and the
     * variables its processes get (the fake tunnel's).
     */
    private record Setup(Path distribution, boolean privateCopy, Path data, URI server, Map<String, String> env) {

        List<String> command() {
            List<String> c = new ArrayList<>();
            c.add(distribution.resolve("bin/signalbox").toString());
            c.add("--config");
            c.add(data.toString());
            return c;
        }

        ProcessBuilder process(List<String> command) {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            if (privateCopy) {
                pb.environment().put("SIGNALBOX_CDS", "off"); // the class-data archive is the original's
            }
            if (server != null) {
                pb.environment().put("SIGNALBOX_SERVER", server.toString());
            } else {
                pb.environment().remove("SIGNALBOX_SERVER");
            }
            return pb;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
