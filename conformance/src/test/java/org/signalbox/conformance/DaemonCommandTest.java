package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signalbox.conformance.LineSockets.answer;
import static org.signalbox.conformance.LineSockets.connect;
import static org.signalbox.conformance.LineSockets.freePort;
import static org.signalbox.conformance.LineSockets.loopback;
import static org.signalbox.conformance.LineSockets.notification;
import static org.signalbox.conformance.LineSockets.reader;
import static org.signalbox.conformance.LineSockets.write;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code signalbox daemon} of the full distribution as a child process: JSON-RPC over TCP and a UNIX socket at
 * once, each client its own connection with automatic receive, received messages also on stdout, SIGTERM closing
 * clients cleanly, and the errors of a bad command line.
 */
class DaemonCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Path full;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        full = Assembled.distributions().resolve("signalbox-full");
    }

    private Process daemon(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(full.resolve("bin/signalbox").toString(),
                "--config", dir.resolve("data").toString(), "daemon"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(dir.resolve("daemon.stderr").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    @Test
    void servesTcpAndUnixClientsAtOnceAndStopsCleanly() throws Exception {
        int port = freePort();
        Path socket = dir.resolve("run/signalbox/socket");
        Process p = daemon("--tcp", "127.0.0.1:" + port, "--socket", socket.toString());
        try (SocketChannel tcp = connect(loopback(port), Duration.ofSeconds(60));
                BufferedReader tcpIn = reader(tcp)) {
            write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}");
            assertThat(answer(tcpIn, 1).get("result").get("version").asText()).isNotBlank();
            for (String n : List.of("+15550001111", "+15550002222")) {
                write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"register\",\"params\":{\"account\":\"" + n
                        + "\"},\"id\":2}");
                answer(tcpIn, 2);
                write(tcp, "{\"jsonrpc\":\"2.0\",\"method\":\"verify\",\"params\":{\"account\":\"" + n
                        + "\",\"verificationCode\":\"1\"},\"id\":3}");
                assertThat(answer(tcpIn, 3).has("result")).isTrue();
            }
            try (SocketChannel unix = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    BufferedReader unixIn = reader(unix)) {
                write(unix, "{\"jsonrpc\":\"2.0\",\"method\":\"send\",\"params\":{\"account\":\"+15550001111\","
                        + "\"recipient\":[\"+15550002222\"],\"message\":\"via the unix socket\"},\"id\":4}");
                assertThat(answer(unixIn, 4).get("result").get("results").get(0).get("type").asText())
                        .isEqualTo("SUCCESS");
                JsonNode onTcp = notification(tcpIn);
                assertThat(onTcp.get("params").get("account").asText()).isEqualTo("+15550002222");
                assertThat(onTcp.get("params").get("envelope").get("dataMessage").get("message").asText())
                        .isEqualTo("via the unix socket");
                JsonNode onUnix = notification(unixIn);
                assertThat(onUnix.get("params").get("envelope").get("timestamp"))
                        .isEqualTo(onTcp.get("params").get("envelope").get("timestamp"));

                BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                JsonNode printed = MAPPER.readTree(stdout.readLine());
                assertThat(printed.get("account").asText()).isEqualTo("+15550002222");
                assertThat(printed.get("envelope").get("dataMessage").get("message").asText())
                        .isEqualTo("via the unix socket");

                p.destroy(); // SIGTERM
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(tcpIn.readLine()).as("EOF, not half a line").isNull();
                assertThat(unixIn.readLine()).isNull();
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void adminMethodsStartListAndStopTransportsWhileABusyClientNoticesNothing() throws Exception {
        int port = freePort();
        Process p = daemon("--tcp", "127.0.0.1:" + port, "--no-receive-stdout");
        try (SocketChannel admin = connect(loopback(port), Duration.ofSeconds(60));
                BufferedReader adminIn = reader(admin);
                SocketChannel busy = connect(loopback(port), Duration.ofSeconds(60));
                BufferedReader busyIn = reader(busy)) {
            // a client that keeps asking while transports come and go beside it
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger failedRequests = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread load = Thread.ofPlatform().start(() -> {
                try {
                    for (int id = 1; !stop.get(); id++) {
                        write(busy, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":" + id + "}");
                        (answer(busyIn, id).has("result") ? answered : failedRequests).incrementAndGet();
                    }
                } catch (Exception e) {
                    failedRequests.incrementAndGet(); // the connection broke
                }
            });
            int id = 100;
            for (int round = 0; round < 3; round++) {
                write(admin, "{\"jsonrpc\":\"2.0\",\"method\":\"startTransport\",\"params\":{\"kind\":\"tcp\","
                        + "\"tcp\":\"127.0.0.1:0\"},\"id\":" + (++id) + "}");
                String name = answer(adminIn, id).get("result").get("name").asText();
                int extraPort = Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
                try (SocketChannel extra = connect(loopback(extraPort), Duration.ofSeconds(60));
                        BufferedReader extraIn = reader(extra)) {
                    write(extra, "{\"jsonrpc\":\"2.0\",\"method\":\"listTransports\",\"id\":1}");
                    JsonNode list = answer(extraIn, 1).get("result");
                    assertThat(list).extracting(t -> t.get("name").asText())
                            .contains("tcp:127.0.0.1:" + port, name);
                    assertThat(list).allSatisfy(t -> assertThat(t.get("state").asText()).isEqualTo("RUNNING"));
                    write(admin, "{\"jsonrpc\":\"2.0\",\"method\":\"stopTransport\",\"params\":{\"name\":\""
                            + name + "\"},\"id\":" + (++id) + "}");
                    assertThat(answer(adminIn, id).has("result")).isTrue();
                    assertThat(extraIn.readLine()).as("the stopped transport's client sees EOF").isNull();
                }
            }
            write(admin, "{\"jsonrpc\":\"2.0\",\"method\":\"stopTransport\",\"params\":{\"name\":\"tcp:nowhere:1\"},"
                    + "\"id\":" + (++id) + "}");
            assertThat(answer(adminIn, id).get("error").get("message").asText())
                    .isEqualTo("No transport named tcp:nowhere:1");
            stop.set(true);
            load.join(30_000);
            assertThat(load.isAlive()).as("the busy client's requests all came back").isFalse();
            assertThat(answered.get()).as("requests answered while transports came and went").isPositive();
            assertThat(failedRequests.get()).as("failed requests on the busy connection").isZero();
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void theGogoShellListsStartsAndStopsTransports() throws Exception {
        int port = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(full.resolve("bin/signalbox").toString(), "--shell",
                "--config", dir.resolve("data").toString(), "daemon", "--tcp", "127.0.0.1:" + port,
                "--no-receive-stdout"));
        try (GogoShell shell = new GogoShell(command, dir.resolve("daemon.stderr"))) {
            connect(loopback(port), Duration.ofSeconds(60)).close(); // the daemon is up
            assertThat(shell.run("signalbox:transports", "tcp:127.0.0.1:" + port)).contains("RUNNING");
            String started = shell.run("transportstart tcp 127.0.0.1:0", "Started tcp:");
            String name = started.substring(started.indexOf("Started ") + 8).lines().findFirst().orElseThrow().strip();
            try (SocketChannel extra = connect(loopback(Integer.parseInt(name.substring(name.lastIndexOf(':') + 1))),
                    Duration.ofSeconds(10)); BufferedReader extraIn = reader(extra)) {
                write(extra, "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}");
                assertThat(answer(extraIn, 1).has("result")).isTrue();
                assertThat(shell.run("transports", name)).contains("tcp:127.0.0.1:" + port);
                shell.run("transportstop " + name, "Stopped " + name);
                assertThat(extraIn.readLine()).as("its client sees EOF").isNull();
            }
            assertThat(shell.run("transportstop nope", "No transport named nope")).doesNotContain("Stopped");
        }
    }

    @Test
    void aBusyPortOrNoChannelIsAClearErrorAtStart() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process p = daemon("--tcp", "127.0.0.1:" + busy.getLocalPort());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(3);
            assertThat(Files.readString(dir.resolve("daemon.stderr")))
                    .contains("--tcp 127.0.0.1:" + busy.getLocalPort() + ": Address already in use");
            Process any = daemon("--transport", "tcp=127.0.0.1:" + busy.getLocalPort());
            assertThat(any.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(any.exitValue()).as("--transport reaches the same kind").isEqualTo(3);
            assertThat(Files.readString(dir.resolve("daemon.stderr")))
                    .contains("--transport tcp=127.0.0.1:" + busy.getLocalPort() + ": Address already in use");
        }
        Process none = daemon();
        assertThat(none.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(none.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("daemon.stderr")))
                .contains("give at least one of --socket, --tcp, --http, --legacy-socket or --transport");
        Process unknown = daemon("--transport", "mqtt=127.0.0.1:1883");
        assertThat(unknown.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("daemon.stderr"))).as("the kinds the full profile's bundles serve")
                .contains("No bundle in this distribution serves transport kind 'mqtt' (kinds served: http, legacy, "
                        + "tcp, unix)");
    }

    /** signal-cli binds --tcp 0.0.0.0 silently; here nothing is bound without --allow-remote. */
    @Test
    void unguardedDialectsBeyondLoopbackNeedAllowRemote() throws Exception {
        for (String flag : List.of("--tcp", "--legacy-socket")) {
            Process p = daemon(flag, "0.0.0.0:" + LineSockets.freePort());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(flag).isEqualTo(3);
            assertThat(Files.readString(dir.resolve("daemon.stderr"))).as(flag).contains("no authentication")
                    .contains("--allow-remote");
        }
        Process help = new ProcessBuilder(full.resolve("bin/signalbox").toString(), "daemon", "--help").redirectErrorStream(true).start();
        assertThat(new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("--allow-remote");
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
}
