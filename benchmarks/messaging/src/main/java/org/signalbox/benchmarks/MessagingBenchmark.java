package org.signalbox.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.signalbox.conformance.DaemonProcess;
import org.signalbox.conformance.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run, one report: messages per second and latency from account to account through two daemon processes
 * and a server process (the assembled distributions, loopback only), beside libsignal's cost per message
 * measured by JMH in the same run.
 *
 * <p>Arguments: DISTRIBUTIONS_DIR [MESSAGES [WINDOW]] (defaults 2000 and 16).
 */
public final class MessagingBenchmark {

    private static final String ALICE = "+15550001111";
    private static final String BOB = "+15550002222";
    private static final int WARM_UP = 200;
    private static final int ALONE = 200;

    private MessagingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path distributions = Path.of(args.length > 0 ? args[0] : "distribution/target");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 16;

        double cryptoMicros = cryptoCost();
        EndToEnd[] runs = endToEnd(distributions, messages, window);
        EndToEnd e2e = runs[0];
        EndToEnd alone = runs[1];

        double bound = 1e6 / cryptoMicros;
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "Messaging benchmark (%d messages, %d in flight, %d cores)%n", messages,
                window, Runtime.getRuntime().availableProcessors()));
        r.append(String.format(Locale.ROOT, "| %-52s | %12s |%n", "measure", "value"));
        r.append(String.format(Locale.ROOT, "|%s|%s|%n", "-".repeat(54), "-".repeat(14)));
        row(r, "libsignal per message (seal+encrypt+unseal+decrypt)", String.format(Locale.ROOT, "%.1f us",
                cryptoMicros));
        row(r, "crypto bound, one core", String.format(Locale.ROOT, "%.0f msg/s", bound));
        row(r, "end to end: account -> server -> account", String.format(Locale.ROOT, "%.0f msg/s", e2e.rate()));
        row(r, "end to end latency p50 / p99, under that load", String.format(Locale.ROOT, "%.0f / %.0f ms",
                e2e.p50(), e2e.p99()));
        row(r, "end to end latency p50 / p99, one at a time", String.format(Locale.ROOT, "%.1f / %.1f ms",
                alone.p50(), alone.p99()));
        row(r, "end to end, one at a time", String.format(Locale.ROOT, "%.0f msg/s", alone.rate()));
        row(r, "fraction of the crypto bound reached", String.format(Locale.ROOT, "%.1f %%",
                100 * e2e.rate() / bound));
        row(r, "messages acknowledged / delivered", e2e.acknowledged() + " / " + e2e.delivered());
        System.out.print(r);
        Path out = Path.of("target/bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("messaging.txt"), r);
    }

    private static void row(StringBuilder r, String what, String value) {
        r.append(String.format(Locale.ROOT, "| %-52s | %12s |%n", what, value));
    }

    private static double cryptoCost() throws Exception {
        Options options = new OptionsBuilder().include(SealedSenderCost.class.getName()).forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(1)).build();
        RunResult result = new Runner(options).run().iterator().next();
        return result.getPrimaryResult().getScore();
    }

    record EndToEnd(double rate, double p50, double p99, int acknowledged, int delivered) {
    }

    /** The loaded run ({@code window} in flight) and a run of {@link #ALONE} messages one at a time. */
    private static EndToEnd[] endToEnd(Path distributions, int messages, int window) throws Exception {
        Path dir = Files.createTempDirectory("signalbox-bench-");
        try (ServerProcess server = ServerProcess.start(distributions.resolve("signalbox-server"),
                Files.createDirectories(dir.resolve("server")));
                DaemonProcess alice = DaemonProcess.start(distributions.resolve("signalbox-minimal"),
                        dir.resolve("alice"), server.uri());
                DaemonProcess bob = DaemonProcess.start(distributions.resolve("signalbox-minimal"),
                        dir.resolve("bob"), server.uri())) {
            alice.register(ALICE);
            bob.register(BOB);
            burst(alice, bob, "warm-", WARM_UP, window);
            EndToEnd loaded = burst(alice, bob, "m-", messages, window);
            return new EndToEnd[] {loaded, burst(alice, bob, "one-", ALONE, 1)};
        }
    }

    /** Sends {@code count} messages with at most {@code window} unanswered; times each until bob's client has it. */
    private static EndToEnd burst(DaemonProcess alice, DaemonProcess bob, String prefix, int count, int window)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(window);
        int[] acknowledged = {0};
        Thread receiver = Thread.ofPlatform().start(() -> {
            try {
                while (latencies.size() < count) {
                    JsonNode e = bob.nextEnvelope(Duration.ofSeconds(30));
                    if (e == null) {
                        return;
                    }
                    Long start = sentAt.remove(e.path("dataMessage").path("message").asText());
                    if (start != null) {
                        latencies.add((System.nanoTime() - start) / 1e6);
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String body = prefix + i;
            inFlight.acquire();
            sentAt.put(body, System.nanoTime());
            alice.request("send", DaemonProcess.params(ALICE).put("message", body).set("recipient",
                    DaemonProcess.params(ALICE).arrayNode().add(BOB))).whenComplete((answer, error) -> {
                        inFlight.release();
                        if (answer != null && answer.has("result")) {
                            synchronized (acknowledged) {
                                acknowledged[0]++;
                            }
                        }
                    });
        }
        receiver.join(TimeUnit.MINUTES.toMillis(5));
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        synchronized (acknowledged) {
            return new EndToEnd(sorted.size() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    acknowledged[0], sorted.size());
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p
                * sorted.size()) - 1));
    }
}
