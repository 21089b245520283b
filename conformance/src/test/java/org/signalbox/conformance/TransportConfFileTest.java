package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket transport created, moved and removed by a {@code conf/} file while {@code jsonRpc} runs on stdio in a
 * private copy of the full distribution: FileInstall feeds ConfigAdmin, the stdio client never notices.
 */
class TransportConfFileTest {

    private static final Duration FILE_POLL = Duration.ofSeconds(30);
    private static Path full;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    @Test
    void aConfFileStartsMovesAndStopsATcpTransportWhileStdioServes() throws Exception {
        Path distribution = PrivateDistribution.create(full, List.of(), dir);
        ProcessBuilder pb = new ProcessBuilder(distribution.resolve("bin/signalbox").toString(), "--config",
                dir.resolve("data").toString(), "jsonRpc");
        pb.environment().put("SIGNALBOX_CDS", "off");
        pb.redirectError(dir.resolve("stderr.log").toFile());
        Process p = pb.start();
        OutputStream stdin = p.getOutputStream();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertThat(version(stdin, stdout, 1)).as("stdio serves").isTrue();
            Path cfg = distribution.resolve("conf/org.signalbox.transport.socket-extra.cfg");
            int first = freePort();
            Files.writeString(cfg, "kind=tcp\nhost=127.0.0.1\nport=" + first + "\n");
            try (SocketChannel c = connect(loopback(first), FILE_POLL);
                    BufferedReader in = reader(c)) {
                write(c, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":7}");
                assertThat(in.readLine()).contains("\"id\":7");

                int second = freePort();
                Files.writeString(cfg, "kind=tcp\nhost=127.0.0.1\nport=" + second + "\n");
                assertThat(in.readLine()).as("the moved transport closes its clients: EOF").isNull();
                try (SocketChannel moved = connect(loopback(second), FILE_POLL); BufferedReader in2 = reader(moved)) {
                    write(moved, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":8}");
                    assertThat(in2.readLine()).contains("\"id\":8");
                    assertThat(version(stdin, stdout, 2)).as("stdio untouched").isTrue();

                    Files.delete(cfg);
                    assertThat(in2.readLine()).as("a removed transport closes its clients").isNull();
                }
                assertThat(refusedWithin(second, FILE_POLL)).as("nothing listens after the file is gone").isTrue();
            }
            assertThat(version(stdin, stdout, 3)).isTrue();
        } finally {
            stdin.close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(p.exitValue()).isZero();
    }

    private static boolean version(OutputStream stdin, BufferedReader stdout, int id) throws IOException {
        stdin.write(("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":" + id + "}\n")
                .getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String line = stdout.readLine();
        return line != null && line.contains("\"id\":" + id);
    }

    private static boolean refusedWithin(int port, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try (SocketChannel c = SocketChannel.open(loopback(port))) {
                Thread.sleep(200);
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

}
