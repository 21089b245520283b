package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.protocol.Ack;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.OutboundMessage;
import org.signalbox.server.protocol.Register;
import org.signalbox.launcher.Trees;
import org.signalbox.server.testing.WireClient;

import com.google.protobuf.ByteString;

/**
 * {@code signalbox server} from the assembled distributions, as a child process in real Felix: it prints its URI,
 * speaks the wire protocol, stops cleanly on SIGTERM and keeps what it acknowledged for the next start.
 */
class ServerDistributionTest {

    private static Path distributions;
    /** stderr of the last started server. */
    private Path stderr;

    @TempDir
    Path data;

    @BeforeAll
    static void locate() {
        distributions = Assembled.distributions();
    }

    private Process start(String profile) throws Exception {
        Path script = distributions.resolve("signalbox-" + profile).resolve("bin").resolve("signalbox");
        assertThat(script).as("assembled distribution").exists();
        ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "-c", data.toString(), "server",
                "--listen", "127.0.0.1:0"));
        pb.environment().put("SIGNALBOX_CDS", "off");
        stderr = Files.createTempFile(data, "stderr", ".log");
        pb.redirectError(stderr.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static URI uriOf(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the URI on stdout").isNotNull().matches("ws://127\\.0\\.0\\.1:\\d+/api");
        return URI.create(line);
    }

    /**
     * The server queues only for devices that registered keys; twenty one-time keys, so that no PreKeysLow
     * notice comes among the messages a test counts.
     */
    private static void registerKeys(URI uri, IdentityKeyPair who) throws Exception {
        try (WireClient c = new WireClient(uri)) {
            assertThat(c.login(who, 1).hasAck()).isTrue();
            Register.Builder r = Register.newBuilder().setRegistrationID(1).setSignedPreKey(ByteString.copyFromUtf8(
                    "spk"));
            for (int i = 1; i <= 20; i++) {
                r.addOneTimePreKeys(ByteString.copyFrom(new byte[] {(byte) i}));
            }
            assertThat(c.request(Message.newBuilder().setRegister(r)).hasAck()).isTrue();
        }
    }

    private static void terminate(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "full"})
    void servesTheWireProtocolAndKeepsWhatItAcknowledged(String profile) throws Exception {
        IdentityKeyPair bob = IdentityKeyPair.generate();
        Process first = start(profile);
        try {
            URI uri = uriOf(first);
            Path log = stderr;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log))
                    .as("the trust root is logged for clients to pin")
                    .containsPattern("INFO +Server - Sealed-sender trust root \\(base64\\): [A-Za-z0-9+/]{44}\n"));
            registerKeys(uri, bob);
            try (WireClient sender = new WireClient(uri)) {
                Message ack = sender.request(Message.newBuilder().setOutboundMessage(OutboundMessage.newBuilder()
                        .setTo(WireClient.address(bob, 1)).setUnidentifiedSenderMessage(ByteString.copyFromUtf8("hi"))));
                assertThat(ack.hasAck()).isTrue();
            }
        } finally {
            terminate(first);
        }
        Process second = start(profile);
        try {
            try (WireClient receiver = new WireClient(uriOf(second))) {
                assertThat(receiver.login(bob, 1).hasAck()).isTrue();
                Message m = receiver.next();
                assertThat(m.getInboundMessage().toStringUtf8()).isEqualTo("hi");
                receiver.send(Message.newBuilder().setSequence(m.getSequence()).setAck(Ack.getDefaultInstance()));
                assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
            }
        } finally {
            terminate(second);
        }
    }

    /**
     * kill -9 in the middle of a burst of 1,000 pipelined messages: after a restart on the same database, every
     * message the server acknowledged is delivered, each once.
     */
    @Test
    void everyAcknowledgedMessageSurvivesKillNine() throws Exception {
        IdentityKeyPair bob = IdentityKeyPair.generate();
        Map<Integer, String> sent = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process server = start("server");
        URI uri = uriOf(server);
        registerKeys(uri, bob);
        try (WireClient sender = new WireClient(uri)) {
            Thread acks = Thread.ofVirtual().start(() -> {
                try {
                    Message m;
                    while ((m = sender.poll(Duration.ofSeconds(5))) != null) {
                        if (m.hasAck()) {
                            acknowledged.add(sent.get(m.getSequence()));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 1000; i++) {
                String payload = "m" + i;
                Message.Builder m = Message.newBuilder().setSequence(1000 + i).setOutboundMessage(OutboundMessage
                        .newBuilder().setTo(WireClient.address(bob, 1))
                        .setUnidentifiedSenderMessage(ByteString.copyFromUtf8(payload)));
                sent.put(1000 + i, payload);
                if (i == 500) {
                    server.destroyForcibly(); // SIGKILL while the rest is on its way
                }
                try {
                    sender.send(m);
                } catch (RuntimeException e) {
                    break; // the connection is gone
                }
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            acks.join();
        } catch (RuntimeException e) {
            // closing a dead connection
        }
        assertThat(acknowledged).as("some acked before the kill").isNotEmpty();
        Process again = start("server");
        try (WireClient receiver = new WireClient(uriOf(again))) {
            assertThat(receiver.login(bob, 1).hasAck()).isTrue();
            List<String> delivered = new java.util.ArrayList<>();
            Message m;
            while ((m = receiver.poll(Duration.ofSeconds(2))) != null) {
                delivered.add(m.getInboundMessage().toStringUtf8());
                receiver.send(Message.newBuilder().setSequence(m.getSequence()).setAck(Ack.getDefaultInstance()));
            }
            assertThat(delivered).as("each once").doesNotHaveDuplicates();
            assertThat(delivered).as("every acknowledged message").containsAll(acknowledged);
            assertThat(sent.values()).containsAll(delivered);
        } finally {
            terminate(again);
        }
    }

    /**
     * The server from a {@code conf/} file alone, beside a running {@code jsonRpc}: it starts with the launcher's
     * logging in place (no slf4j no-op fallback), and the file is left as the operator wrote it.
     */
    @Test
    void startsFromAConfFileAndLeavesItAlone() throws Exception {
        Path copy = data.resolve("dist");
        Trees.copy(distributions.resolve("signalbox-full"), copy);
        String cfg = "port=0\ndataDir=" + data.resolve("server") + "\n";
        Path file = copy.resolve("conf").resolve("org.signalbox.server.cfg");
        Files.writeString(file, cfg);
        for (int run = 0; run < 2; run++) {
            Path err = data.resolve("stderr-" + run + ".log");
            Process p = new ProcessBuilder(copy.resolve("bin").resolve("signalbox").toString(), "-c",
                    data.resolve("daemon").toString(), "jsonRpc").redirectError(err.toFile()).start();
            try {
                String[] uri = new String[1];
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var m = java.util.regex.Pattern.compile("listening on (ws://\\S+)")
                            .matcher(Files.readString(err));
                    assertThat(m.find()).as("server started from the file").isTrue();
                    uri[0] = m.group(1);
                });
                try (WireClient c = new WireClient(URI.create(uri[0]))) {
                    assertThat(c.login(IdentityKeyPair.generate(), 1).hasAck()).isTrue();
                }
            } finally {
                p.getOutputStream().close(); // EOF ends jsonRpc
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(err)).doesNotContain("SLF4J");
            assertThat(Files.readString(file)).as("not rewritten").isEqualTo(cfg);
        }
    }

    @Test
    void aBadListenAddressIsAUserError() throws Exception {
        Path script = distributions.resolve("signalbox-server").resolve("bin").resolve("signalbox");
        Process p = new ProcessBuilder(script.toString(), "-c", data.toString(), "server", "--listen", "nonsense")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("--listen needs HOST:PORT");
    }
}
