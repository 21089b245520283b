package org.signalbox.server.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.testing.WireClient;
import org.signalbox.server.protocol.Ack;
import org.signalbox.server.protocol.Message;

/** What the server acked survives a restart and reaches the recipient; only the recipient's ack removes it. */
class DurabilityTest {

    @TempDir
    Path dir;

    private final IdentityKeyPair bob = IdentityKeyPair.generate();

    @Test
    void queuedMessagesSurviveARestartAndUnackedOnesComeBack() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            registerBob(server);
            try (WireClient sender = server.connect()) {
                for (int i = 0; i < 50; i++) {
                    assertThat(sender.request(SeedScenarioTest.outbound(bob, 1, "m" + i)).hasAck()).isTrue();
                }
            }
            server.restart();
            List<String> first = new ArrayList<>();
            try (WireClient receiver = server.connect()) {
                receiver.login(bob, 1);
                for (int i = 0; i < 50; i++) {
                    Message m = SeedScenarioTest.nextInbound(receiver);
                    first.add(m.getInboundMessage().toStringUtf8());
                    if (i < 20) { // acks only the first 20
                        receiver.send(Message.newBuilder().setSequence(m.getSequence()).setAck(Ack.getDefaultInstance()));
                    }
                }
                assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
            }
            assertThat(first).containsExactlyElementsOf(names(0, 50));
            server.restart();
            try (WireClient receiver = server.connect()) {
                receiver.login(bob, 1);
                List<String> again = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    again.add(SeedScenarioTest.nextInbound(receiver).getInboundMessage().toStringUtf8());
                }
                assertThat(again).as("unacked, in order").containsExactlyElementsOf(names(20, 50));
                assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
            }
        }
    }

    /** One-time keys enough that no PreKeysLow notice comes between the messages the tests count. */
    private static final int[] STOCK = java.util.stream.IntStream.rangeClosed(1, 20).toArray();

    /** Messages go only to devices that registered keys. */
    private void registerBob(TestServer server) throws Exception {
        try (WireClient c = server.connect()) {
            c.login(bob, 1);
            assertThat(c.request(SeedScenarioTest.register(1, "spk", STOCK)).hasAck()).isTrue();
        }
    }

    @Test
    void deliveryKeepsAWindowInFlight() throws Exception {
        Settings small = Settings.defaults(dir).withPort(0);
        small = new Settings(small.host(), 0, dir, "", small.preKeysLowLimit(), small.preKeysRequested(),
                small.preKeysCheck(), small.certificateLifetime(), small.maxFrameBytes(), 5, small.limits(),
                small.relays());
        try (TestServer server = new TestServer(small); WireClient sender = server.connect();
                WireClient receiver = server.connect()) {
            receiver.login(bob, 1);
            receiver.request(SeedScenarioTest.register(1, "spk", STOCK));
            for (int i = 0; i < 12; i++) {
                sender.request(SeedScenarioTest.outbound(bob, 1, "m" + i));
            }
            List<Message> got = new ArrayList<>();
            Message m;
            while ((m = receiver.poll(Duration.ofMillis(300))) != null) {
                got.add(m);
            }
            assertThat(got).as("no more than the window before acks").hasSize(5);
            for (Message each : got) {
                receiver.send(Message.newBuilder().setSequence(each.getSequence()).setAck(Ack.getDefaultInstance()));
            }
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rest.add(SeedScenarioTest.nextInbound(receiver).getInboundMessage().toStringUtf8());
            }
            assertThat(rest).containsExactlyElementsOf(names(5, 10));
        }
    }

    private static List<String> names(int from, int to) {
        List<String> n = new ArrayList<>();
        for (int i = from; i < to; i++) {
            n.add("m" + i);
        }
        return n;
    }
}
