package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signalbox.conformance.LineSockets.answer;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a child process under abuse: a client that pipelines requests without reading its answers is
 * not read from beyond its limit, so the daemon's memory stays bounded while another client gets every answer;
 * out of file descriptors, the accept loop neither spins nor floods the log. Bounds are on memory, CPU time and
 * log lines, never on how fast anything answers (that goes in docs/benchmarks.md).
 */
class ResourceAbuseTest {

    private static Path full;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    /** {@code daemon} with a heap as small as a careful operator would give it, under {@code ulimit -n files}. */
    private Process daemon(int files, int tcpPort) throws IOException {
        return Daemons.start(full, dir.resolve("data"), dir.resolve("daemon.log"), List.of("sh", "-c",
                "ulimit -n " + files + "; SIGNALBOX_JAVA_OPTS=-Xmx256m exec \"$0\" \"$@\""), "--tcp",
                "127.0.0.1:" + tcpPort);
    }

    /** The JVM's resident set: the launcher script execs java, so the pid is the JVM's. */
    private static long rssKb(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + p.pid());
    }

    /** User and system CPU time of the process, in clock ticks (1/100 s). */
    private static long cpuTicks(Process p) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Test
    void aClientPipeliningWithoutReadingIsBoundedWhileAnotherGetsEveryAnswer() throws Exception {
        int port = freePort();
        Process p = daemon(20_000, port);
        try (SocketChannel polite = connect(loopback(port), Duration.ofSeconds(60));
                BufferedReader in = reader(polite); Socket greedy = new Socket("127.0.0.1", port)) {
            write(polite, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":0}");
            answer(in, 0);
            long before = rssKb(p);
            // 200,000 requests with a 1 KiB id each (200 MiB of input, far more answers) and never a read
            String id = "x".repeat(1024);
            byte[] line = ("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":\"" + id + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
            AtomicLong written = new AtomicLong();
            Thread flood = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = greedy.getOutputStream();
                    for (int i = 0; i < 200_000; i++) {
                        out.write(line);
                        written.incrementAndGet();
                    }
                } catch (IOException e) {
                    // disconnected by the daemon: also a bound
                }
            });
            long peak = before;
            for (int i = 1; i <= 100; i++) {
                write(polite, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":" + i + "}");
                assertThat(answer(in, i).has("result")).as("answer " + i).isTrue();
                peak = Math.max(peak, rssKb(p));
                Thread.sleep(50);
            }
            assertThat(written.get()).as("the daemon stopped reading the flood").isLessThan(200_000);
            assertThat(peak).as("resident memory (kB), having been %d before", before).isLessThan(before + 400_000);
            assertThat(Files.readString(dir.resolve("daemon.log"))).doesNotContain("OutOfMemoryError");
            greedy.close();
            flood.join(Duration.ofSeconds(30));
        } finally {
            Daemons.stop(p);
        }
    }

    @Test
    void outOfFileDescriptorsTheAcceptLoopBacksOffAndLogsOnce() throws Exception {
        int port = freePort();
        Process p = daemon(300, port);
        List<Socket> idle = new ArrayList<>();
        try {
            try (SocketChannel first = connect(loopback(port), Duration.ofSeconds(60))) {
                write(first, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}");
                answer(reader(first), 1);
            }
            // more than the daemon has descriptors left; those it cannot accept wait in the backlog, and once
            // that is full a connect gets no answer, which ends the loop
            for (int i = 0; i < 400; i++) {
                Socket s = new Socket();
                try {
                    s.connect(loopback(port), 3_000); // past the 1 s SYN retry of a briefly full backlog
                } catch (IOException e) {
                    s.close();
                    break;
                }
                idle.add(s);
            }
            Thread.sleep(2_000); // the daemon has met the limit by now
            long logBefore = Files.size(dir.resolve("daemon.log"));
            long cpuBefore = cpuTicks(p);
            Thread.sleep(5_000);
            long cpu = cpuTicks(p) - cpuBefore;
            String log = Files.readString(dir.resolve("daemon.log"));
            assertThat(log).as("it did run out").contains("Too many open files");
            assertThat(cpu).as("CPU ticks in 5 s while out of descriptors").isLessThan(150);
            assertThat(Files.size(dir.resolve("daemon.log")) - logBefore).as("log bytes in 5 s").isLessThan(4_000);
            for (Socket s : idle) {
                s.close();
            }
            idle.clear();
            try (SocketChannel again = connect(loopback(port), Duration.ofSeconds(30))) {
                write(again, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":2}");
                assertThat(answer(reader(again), 2).has("result")).as("serving again once descriptors are free")
                        .isTrue();
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
            Daemons.stop(p);
        }
    }
}
