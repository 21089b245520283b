package org.signalbox.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signalbox-conformance}: replays transcripts against distributions; exit 1 if any fails. */
@Command(name = "signalbox-conformance", mixinStandardHelpOptions = true,
        description = "Replays Signalbox conformance transcripts against assembled distributions.",
        subcommands = {Main.Run.class, Main.Validate.class})
public final class Main {

    /** Parses like the daemon does, so ids such as 1.50 or 12345678901234567890123 compare exactly. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Replay transcripts; write JUnit XML.")
    static final class Run implements Callable<Integer> {

        @Option(names = "--distribution", required = true, paramLabel = "DIR",
                description = "An assembled distribution (signalbox-PROFILE folder); repeat for several.")
        List<Path> distributions;

        @Option(names = "--reports", paramLabel = "DIR", defaultValue = "conformance-reports",
                description = "Where JUnit XML goes (default: ${DEFAULT-VALUE}).")
        Path reports;

        @Option(names = "--parallel", defaultValue = "2", description = "Transcripts replayed at once.")
        int parallel;

        @Option(names = "--bundles", paramLabel = "DIR",
                description = "Where to find the extra bundles transcripts name in \"bundles\"; repeatable.")
        List<Path> bundles = new ArrayList<>();

        @Option(names = "--channel", paramLabel = "CHANNEL", split = ",", defaultValue = "stdio",
                converter = ChannelConverter.class,
                description = "How sessions reach the daemon: stdio (jsonRpc), tcp, unix, ws (WebSocket), http (one "
                        + "POST per line) or legacy (seed 000's socket dialect) of daemon; repeatable or comma-separated "
                        + "(default: stdio).")
        List<SessionChannel> channels;

        @Option(names = "--server-distribution", paramLabel = "DIR",
                description = "A server distribution (signalbox-server): each replay against a distribution without "
                        + "the embedded messaging server gets its own server from it.")
        Path serverDistribution;

        @Parameters(arity = "1..*", paramLabel = "TRANSCRIPT", description = "Transcript files or folders.")
        List<Path> transcripts;

        @Override
        public Integer call() throws Exception {
            List<Transcript> loaded = new ArrayList<>();
            for (Path f : Transcript.expand(transcripts)) {
                loaded.add(Transcript.load(f, MAPPER));
            }
            int[] counts = new int[Outcome.Status.values().length];
            for (Path dist : distributions) {
                for (SessionChannel channel : channels) {
                    suite(dist, channel, loaded, counts);
                }
            }
            int failed = counts[Outcome.Status.FAILED.ordinal()];
            System.out.printf("conformance: %d passed, %d failed, %d skipped%n",
                    counts[Outcome.Status.PASSED.ordinal()], failed, counts[Outcome.Status.SKIPPED.ordinal()]);
            return failed == 0 ? 0 : 1;
        }

        /** Replays every transcript against one distribution over one channel: one JUnit suite. */
        private void suite(Path dist, SessionChannel channel, List<Transcript> loaded, int[] counts)
                throws Exception {
            Set<String> features = features(dist);
            if (!channel.availableWith(TransportKinds.of(dist))) {
                System.out.printf("(%s has no %s channel: no bundle of it serves the transport kind %s)%n",
                        dist.getFileName(), channel.label(), channel.kind());
                return;
            }
            String suite = "conformance." + dist.getFileName()
                    + (channel == SessionChannel.STDIO ? "" : "." + channel.label());
            Replay replay = new Replay(dist, channel, features, bundles, MAPPER, serverDistribution);
            List<Outcome> outcomes = replayAll(replay, loaded);
            JUnitReport.write(reports.resolve("TEST-" + suite + ".xml"), suite, outcomes);
            for (Outcome o : outcomes) {
                counts[o.status().ordinal()]++;
                System.out.printf("%-7s %s %s %s%s%n", o.status(), dist.getFileName(), channel.label(), o.name(),
                        o.message() == null ? "" : ": " + o.message());
                if (o.status() == Outcome.Status.FAILED) {
                    System.out.println(indent(o.log()));
                    System.out.println(indent(o.stderr()));
                }
            }
        }

        private List<Outcome> replayAll(Replay replay, List<Transcript> transcripts) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
            try {
                List<Future<Outcome>> running = new ArrayList<>();
                for (Transcript t : transcripts) {
                    running.add(pool.submit(() -> replay.run(t)));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : running) {
                    outcomes.add(f.get());
                }
                return outcomes;
            } finally {
                pool.shutdownNow();
            }
        }

        /** A distribution's features are the artifact ids of its bundles. */
        private static Set<String> features(Path dist) throws IOException {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> jars = Files.list(dist.resolve("bundle"))) {
                jars.map(p -> p.getFileName().toString().replaceAll("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""))
                        .forEach(names::add);
            }
            return names;
        }

        private static String indent(String text) {
            return text == null || text.isEmpty() ? "" : "    " + text.strip().replace("\n", "\n    ");
        }
    }

    /** Reads {@code stdio}, {@code tcp}, {@code unix}. */
    static final class ChannelConverter implements CommandLine.ITypeConverter<SessionChannel> {
        @Override
        public SessionChannel convert(String value) {
            for (SessionChannel c : SessionChannel.values()) {
                if (c.label().equals(value)) {
                    return c;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a channel (stdio, tcp, unix, ws, http, legacy)");
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check transcripts against the transcript schema.")
    static final class Validate implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "TRANSCRIPT")
        List<Path> transcripts;

        @Override
        public Integer call() throws IOException {
            int bad = 0;
            for (Path f : Transcript.expand(transcripts)) {
                try {
                    Transcript.load(f, MAPPER);
                    System.out.println("ok      " + f);
                } catch (IOException e) {
                    bad++;
                    System.out.println("INVALID " + e.getMessage());
                }
            }
            return bad == 0 ? 0 : 1;
        }
    }
}
