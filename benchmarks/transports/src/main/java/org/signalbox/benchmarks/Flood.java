package org.signalbox.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that pipelines {@code version} requests with 1 KiB ids and never reads, beside a polite client whose
 * latency is measured: how much the flood costs everyone else, and how much of the daemon's memory it takes.
 */
final class Flood {

    private Flood() {
    }

    /** One line of the report for the daemon {@code pid} listening on {@code port}. */
    static String measure(String target, int port, long pid, int requests) throws Exception {
        Load.Result alone = Load.run(Load.tcp(port), 1, requests, 1);
        long rssBefore = rssKb(pid);
        AtomicLong sent = new AtomicLong();
        byte[] line = ("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":\"" + "x".repeat(1024) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        Load.Result flooded;
        long rssPeak;
        try (Socket greedy = new Socket(InetAddress.getLoopbackAddress(), port)) {
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    OutputStream out = greedy.getOutputStream();
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(line);
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the daemon closed it
                }
            });
            Thread.sleep(2_000);
            flooded = Load.run(Load.tcp(port), 1, requests, 1);
            rssPeak = rssKb(pid);
            writer.interrupt();
        }
        return String.format(Locale.ROOT, "flood %-22s polite p50/p99 %.2f/%.2f ms alone, %.2f/%.2f ms beside a client"
                + " that wrote %d requests (%d MiB) unread; RSS %d -> %d MiB", target, alone.p50Millis(),
                alone.p99Millis(), flooded.p50Millis(), flooded.p99Millis(), sent.get(), sent.get() * line.length >> 20,
                rssBefore >> 10, rssPeak >> 10);
    }

    private static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
