package org.signalbox.server.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.protocol.ClaimNumber;
import org.signalbox.server.protocol.Lookup;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.Register;
import org.signalbox.server.protocol.RequestPreKeys;
import org.signalbox.server.protocol.SetRegistrationLock;
import org.signalbox.server.testing.WireClient;

import com.google.protobuf.ByteString;

/**
 * The server against strangers, over real WebSocket: a registered number does not move to another identity
 * without its PIN, and PINs cannot be guessed; anonymous senders cannot queue without bound or to users that do
 * not exist, and nothing acknowledged is lost; one-time prekeys cannot be drained; a client that floods requests
 * without reading meets back-pressure while others are served.
 */
class AbuseTest {

    private static final String NUMBER = "+15550001111";

    @TempDir
    Path dir;

    private final IdentityKeyPair alice = IdentityKeyPair.generate();
    private final IdentityKeyPair bob = IdentityKeyPair.generate();

    private TestServer server(Limits limits) throws Exception {
        return new TestServer(Settings.defaults(dir).withPort(0).withLimits(limits));
    }

    private static Limits limits(int queuedPerDevice, long bytesPerDevice, long bytesTotal, long perSecond,
            long burst, int oneTimeKeys, int perSource, int pendingFrames) {
        return new Limits(3, Duration.ofHours(1), queuedPerDevice, bytesPerDevice, bytesTotal, perSecond, burst,
                oneTimeKeys, perSource, Duration.ofMinutes(1), pendingFrames);
    }

    private static Message.Builder claim(String pin) {
        return Message.newBuilder().setClaimNumber(ClaimNumber.newBuilder().setNumber(NUMBER)
                .setRegistrationLock(pin));
    }

    @Test
    void aRegisteredNumberMovesOnlyWithItsPinAndPinsCannotBeGuessed() throws Exception {
        try (TestServer server = server(Limits.DEFAULTS); WireClient owner = server.connect();
                WireClient stranger = server.connect(); WireClient anon = server.connect()) {
            owner.login(alice, 1);
            String uuid = owner.request(claim("")).getDirectoryEntry().getUuid();
            stranger.login(IdentityKeyPair.generate(), 1);
            Message taken = stranger.request(claim(""));
            assertThat(taken.getError().getName()).isEqualTo("registration_locked");
            assertThat(taken.getError().getDescription()).contains("no registration lock PIN");

            assertThat(owner.request(Message.newBuilder().setSetRegistrationLock(SetRegistrationLock.newBuilder()
                    .setPin("2468"))).hasAck()).isTrue();
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(stranger.request(claim(String.format("%04d", i))).getError().getName());
            }
            assertThat(answers).containsExactly("registration_locked", "registration_locked", "registration_locked",
                    "registration_locked", "registration_locked", "rate_limited");
            assertThat(stranger.request(claim("2468")).getError().getName())
                    .as("even the right PIN waits once the guesses are used up").isEqualTo("rate_limited");
            assertThat(anon.request(Message.newBuilder().setLookup(Lookup.newBuilder().setNumber(NUMBER)))
                    .getDirectoryEntry().getUserID().toByteArray()).as("still the owner's")
                    .isEqualTo(alice.getPublicKey().serialize());
            assertThat(owner.request(claim("")).getDirectoryEntry().getUuid()).isEqualTo(uuid);
        }
    }

    @Test
    void anonymousSendersCannotFillTheDiskAndLoseNothingAcknowledged() throws Exception {
        int size = 100 * 1024;
        try (TestServer server = server(limits(1_000, 20L * size, 1L << 30, 10L * size, 30L * size, 50, 1_000,
                1_024)); WireClient receiver = server.connect(); WireClient sender = server.connect()) {
            receiver.login(bob, 1);
            receiver.request(SeedScenarioTest.register(1, "spk", 1));
            assertThat(sender.request(SeedScenarioTest.outbound(IdentityKeyPair.generate(), 1, "to nobody"))
                    .getError().getName()).as("no such user").isEqualTo("unknown_user");

            String big = "x".repeat(size);
            int acked = 0;
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Message m = sender.request(SeedScenarioTest.outbound(bob, 1, big));
                if (m.hasAck()) {
                    acked++;
                } else {
                    refused.add(m.getError().getName());
                }
            }
            assertThat(acked).as("a burst's worth, not 200 MB").isBetween(10, 30);
            assertThat(refused).containsOnly("rate_limited", "quota_exceeded").contains("quota_exceeded");

            // the recipient takes everything that was acknowledged, and then there is room again
            int received = 0;
            for (Message m = receiver.poll(Duration.ofSeconds(5)); m != null; m = receiver.poll(Duration
                    .ofSeconds(2))) {
                if (m.hasInboundMessage()) {
                    received++;
                    receiver.send(Message.newBuilder().setSequence(m.getSequence()).setAck(
                            org.signalbox.server.protocol.Ack.getDefaultInstance()));
                }
            }
            assertThat(received).as("every acknowledged message").isEqualTo(acked);
            Thread.sleep(3_000); // the sender's allowance refills
            assertThat(sender.request(SeedScenarioTest.outbound(bob, 1, big)).hasAck()).as("room again").isTrue();
        }
    }

    @Test
    void aMessageAcknowledgedOnTwoConnectionsOfItsDeviceFreesItsRoomOnce() throws Exception {
        try (TestServer server = server(limits(3, 1L << 20, 1L << 30, 1L << 20, 1L << 20, 50, 1_000, 1_024));
                WireClient one = server.connect(); WireClient two = server.connect();
                WireClient sender = server.connect()) {
            one.login(bob, 1);
            one.request(SeedScenarioTest.register(1, "spk", java.util.stream.IntStream.rangeClosed(1, 20)
                    .toArray()));
            two.login(bob, 1);
            for (int i = 0; i < 3; i++) {
                assertThat(sender.request(SeedScenarioTest.outbound(bob, 1, "m" + i)).hasAck()).isTrue();
            }
            // both connections of the device get the first message, and both acknowledge it
            for (WireClient c : List.of(one, two)) {
                Message m = SeedScenarioTest.nextInbound(c);
                assertThat(m.getInboundMessage().toStringUtf8()).isEqualTo("m0");
                c.send(Message.newBuilder().setSequence(m.getSequence()).setAck(
                        org.signalbox.server.protocol.Ack.getDefaultInstance()));
            }
            Thread.sleep(500); // the removal is committed by then
            assertThat(sender.request(SeedScenarioTest.outbound(bob, 1, "m3")).hasAck()).as("one place freed")
                    .isTrue();
            assertThat(sender.request(SeedScenarioTest.outbound(bob, 1, "m4")).getError().getName())
                    .as("not two").isEqualTo("quota_exceeded");
        }
    }

    @Test
    void oneTimePrekeysCannotBeDrainedAndSendingStillWorks() throws Exception {
        try (TestServer server = server(limits(1_000, 1L << 20, 1L << 30, 1L << 20, 1L << 20, 10, 60, 1_024));
                WireClient b = server.connect(); WireClient anon = server.connect()) {
            b.login(bob, 1);
            int[] keys = new int[100];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = i + 1;
            }
            assertThat(b.request(SeedScenarioTest.register(7, "spk", keys)).hasAck()).isTrue();
            int withOneTime = 0;
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Message m = anon.request(SeedScenarioTest.requestPreKeys(bob));
                if (m.hasPreKey()) {
                    PreKey k = m.getPreKey();
                    assertThat(k.getSignedPreKey().toStringUtf8()).as("the signed prekey, always").isEqualTo("spk");
                    withOneTime += k.getOneTimePreKey().isEmpty() ? 0 : 1;
                } else {
                    errors.add(m.getError().getName());
                }
            }
            assertThat(withOneTime).as("one-time keys handed out").isEqualTo(10);
            assertThat(errors).as("requests beyond the source's share").hasSize(40).containsOnly("rate_limited");
        }
    }

    @Test
    void aClientFloodingRequestsWithoutReadingMeetsBackPressureWhileOthersAreServed() throws Exception {
        try (TestServer server = server(limits(1_000, 1L << 20, 1L << 30, 1L << 20, 1L << 20, 1_000_000,
                1_000_000, 64)); WireClient b = server.connect(); WireClient other = server.connect()) {
            b.login(bob, 1);
            // big answers (a Kyber key in each) fill the flooder's buffers soon
            b.request(Message.newBuilder().setRegister(Register.newBuilder().setRegistrationID(7)
                    .setSignedPreKey(ByteString.copyFromUtf8("spk"))
                    .setKyberLastResortPreKey(ByteString.copyFrom(new byte[1568]))));
            WebSocket flooder = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(server.uri(),
                    new WebSocket.Listener() {
                        @Override
                        public void onOpen(WebSocket ws) {
                            // never asks for a message: the JDK then stops reading the connection
                        }
                    }).get(10, TimeUnit.SECONDS);
            RequestPreKeys.Builder r = RequestPreKeys.newBuilder().setUserID(ByteString.copyFrom(bob.getPublicKey()
                    .serialize())).setListReply(true);
            for (int i = 0; i < 200; i++) {
                r.addKnownDeviceIDs(1000 + i);
            }
            byte[] frame = Message.newBuilder().setSequence(5).setRequestPreKeys(r).build().toByteArray();
            int total = 100_000;
            AtomicInteger sent = new AtomicInteger();
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < total; i++) {
                    flooder.sendBinary(ByteBuffer.wrap(frame), true).join();
                    sent.incrementAndGet();
                }
            });
            writer.join(Duration.ofSeconds(10));
            assertThat(sent.get()).as("the server stopped reading the flood").isLessThan(total);
            assertThat(other.request(Message.newBuilder().setLookup(Lookup.newBuilder().setNumber("+15559999999")))
                    .getError().getName()).as("another client is served meanwhile").isEqualTo("unknown_user");
            flooder.abort();
            writer.interrupt();
        }
    }
}
