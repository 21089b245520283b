package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.signalbox.server.testing.WireClient;

import com.google.protobuf.ByteString;

/**
 * {@code signalbox server} from the assembled distributions, as a child process in real Felix: it prints its URI,
 * speaks the wire protocol, stops cleanly on SIGTERM and keeps what it acknowledged for the next start.
 */
class ServerDistributionTest {

    private static Path distributions;

    @TempDir
    Path data;

    @BeforeAll
    static void locate() {
        assumeFalse(Boolean.getBoolean("signalbox.skipConformance"), "conformance runs are skipped");
        distributions = Path.of(System.getProperty("signalbox.distributions", "../distribution/target"));
    }

    private Process start(String profile) throws Exception {
        Path script = distributions.resolve("signalbox-" + profile).resolve("bin").resolve("signalbox");
        assertThat(script).as("assembled distribution").exists();
        ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "-c", data.toString(), "server",
                "--listen", "127.0.0.1:0"));
        pb.environment().put("SIGNALBOX_CDS", "off");
        pb.redirectError(Files.createTempFile(data, "stderr", ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static URI uriOf(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the URI on stdout").isNotNull().matches("ws://127\\.0\\.0\\.1:\\d+/api");
        return URI.create(line);
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
