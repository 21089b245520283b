package org.signalbox.server.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.testing.WireClient;
import org.signalbox.server.protocol.Ack;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.OutboundMessage;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.Register;
import org.signalbox.server.protocol.RequestPreKeys;
import org.signalbox.server.protocol.Unregister;

import com.google.protobuf.ByteString;

/**
 * The original project's shared scenario (testsupport.go, reference §11) against the real server over WebSocket,
 * with real libsignal identities: limit 3, request 4, interval 100 ms; users A (devices 11, 12), B (21, 22).
 */
class SeedScenarioTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private TestServer server;
    private final List<WireClient> clients = new ArrayList<>();
    private final IdentityKeyPair a = IdentityKeyPair.generate();
    private final IdentityKeyPair b = IdentityKeyPair.generate();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(TestServer.fastPreKeyChecks(dir));
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(WireClient::close);
        server.close();
    }

    private WireClient connect() throws Exception {
        WireClient c = server.connect();
        clients.add(c);
        return c;
    }

    private WireClient loggedIn(IdentityKeyPair who, int device) throws Exception {
        WireClient c = connect();
        Message answer = c.login(who, device);
        assertThat(answer.hasAck()).as("login of %d: %s", device, answer).isTrue();
        return c;
    }

    static Message.Builder register(int registrationId, String signedPreKey, int... oneTimeKeys) {
        Register.Builder r = Register.newBuilder().setRegistrationID(registrationId)
                .setSignedPreKey(ByteString.copyFrom(signedPreKey, StandardCharsets.UTF_8));
        for (int k : oneTimeKeys) {
            r.addOneTimePreKeys(ByteString.copyFrom(new byte[] {(byte) k}));
        }
        return Message.newBuilder().setRegister(r);
    }

    static Message.Builder requestPreKeys(IdentityKeyPair who, int... known) {
        RequestPreKeys.Builder r = RequestPreKeys.newBuilder()
                .setUserID(ByteString.copyFrom(who.getPublicKey().serialize()));
        for (int k : known) {
            r.addKnownDeviceIDs(k);
        }
        return Message.newBuilder().setRequestPreKeys(r);
    }

    private static int oneTimeKey(PreKey k) {
        return k.getOneTimePreKey().isEmpty() ? -1 : k.getOneTimePreKey().byteAt(0);
    }

    /** PreKeysLow messages among what arrives within three intervals. */
    private static List<Message> preKeysLow(WireClient c) throws InterruptedException {
        List<Message> low = new ArrayList<>();
        long end = System.nanoTime() + INTERVAL.multipliedBy(3).toNanos();
        for (long left; (left = end - System.nanoTime()) > 0;) {
            Message m = c.poll(Duration.ofNanos(left));
            if (m != null && m.hasPreKeysLow()) {
                low.add(m);
            }
        }
        return low;
    }

    @Test
    void wholeScenario() throws Exception {
        WireClient a11 = loggedIn(a, 11);
        WireClient a12 = loggedIn(a, 12);
        WireClient b21 = loggedIn(b, 21);
        WireClient b22 = loggedIn(b, 22);

        // a login signed with another key is refused, and the connection ends
        WireClient forged = connect();
        Message refused = forged.request(WireClient.login(b, 11, forged.nonce).setAuthResponse(
                WireClient.login(b, 11, forged.nonce).getAuthResponse().toBuilder().setSignature(ByteString.copyFrom(
                        a.getPrivateKey().calculateSignature(
                                WireClient.login(b, 11, forged.nonce).getAuthResponse().getLogin().toByteArray())))));
        assertThat(refused.getError().getName()).isEqualTo("unauthorized");
        assertThat(forged.closeStatus()).isEqualTo(1008);

        assertThat(a11.request(register(1, "spkA1", 11, 12, 13)).hasAck()).isTrue();
        assertThat(a12.request(register(2, "spkA2", 21, 22, 23)).hasAck()).isTrue();
        assertThat(b21.request(register(3, "spkB1", 31, 32, 33)).hasAck()).isTrue();
        assertThat(b22.request(register(4, "spkB2", 41, 42, 43)).hasAck()).isTrue();

        WireClient anonymous = connect();
        Message one = anonymous.request(requestPreKeys(a, 12));
        assertThat(one.getPreKey().getAddress().getDeviceID()).isEqualTo(11);
        assertThat(one.getPreKey().getRegistrationID()).isEqualTo(1);
        assertThat(one.getPreKey().getSignedPreKey().toStringUtf8()).isEqualTo("spkA1");
        assertThat(oneTimeKey(one.getPreKey())).as("last in, first out").isEqualTo(13);
        assertThat(anonymous.poll(INTERVAL)).as("exactly one preKey").isNull();

        int seq = anonymous.send(requestPreKeys(b));
        List<Message> both = List.of(anonymous.next(), anonymous.next());
        assertThat(both).allSatisfy(m -> assertThat(m.getSequence()).isEqualTo(seq));
        assertThat(both).extracting(m -> m.getPreKey().getAddress().getDeviceID() + ":" + oneTimeKey(m.getPreKey()))
                .containsExactlyInAnyOrder("21:33", "22:43");

        // devices with 2 keys left (below the limit of 3) are told, repeatedly; A12 with 3 is not
        for (WireClient low : List.of(a11, b21, b22)) {
            assertThat(preKeysLow(low)).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.getPreKeysLow().getKeysRequested()).isEqualTo(4));
        }
        assertThat(preKeysLow(a12)).isEmpty();

        // the same registration id and signed prekey append: the stock is back up, the notifications stop
        assertThat(a11.request(register(1, "spkA1", 14, 15, 16, 17)).hasAck()).isTrue();
        assertThat(b21.request(register(3, "spkB1", 34, 35, 36, 37)).hasAck()).isTrue();
        assertThat(b22.request(register(4, "spkB2", 44, 45, 46, 47)).hasAck()).isTrue();
        for (WireClient refilled : List.of(a11, b21, b22)) {
            preKeysLow(refilled); // any sent before the register arrived
            assertThat(preKeysLow(refilled)).isEmpty();
        }

        // exhaustion: A12's three keys go, then the signed prekey comes without a one-time key
        for (int expected : new int[] {23, 22, 21}) {
            assertThat(oneTimeKey(anonymous.request(requestPreKeys(a, 11)).getPreKey())).isEqualTo(expected);
        }
        PreKey empty = anonymous.request(requestPreKeys(a, 11)).getPreKey();
        assertThat(empty.getAddress().getDeviceID()).isEqualTo(12);
        assertThat(empty.getRegistrationID()).isEqualTo(2);
        assertThat(empty.getSignedPreKey().toStringUtf8()).isEqualTo("spkA2");
        assertThat(empty.getOneTimePreKey().isEmpty()).isTrue();
        assertThat(preKeysLow(a12)).isNotEmpty();

        // a message to B21 is acked once queued and delivered to B21's authenticated connection
        Message sent = anonymous.request(outbound(b, 21, "ciphertext"));
        assertThat(sent.hasAck()).isTrue();
        Message inbound = nextInbound(b21);
        assertThat(inbound.getInboundMessage().toStringUtf8()).isEqualTo("ciphertext");
        assertThat(inbound.getServerTimestamp()).isPositive();
        b21.send(Message.newBuilder().setSequence(inbound.getSequence()).setAck(Ack.getDefaultInstance()));

        // fan-out: a second connection as B21 gets what arrives, and so does the first
        WireClient b21again = loggedIn(b, 21);
        assertThat(anonymous.request(outbound(b, 21, "ciphertext2")).hasAck()).isTrue();
        assertThat(nextInbound(b21again).getInboundMessage().toStringUtf8()).isEqualTo("ciphertext2");
        assertThat(nextInbound(b21).getInboundMessage().toStringUtf8()).isEqualTo("ciphertext2");

        // a third login gets it again because nobody acked it; once acked, it is gone for good
        WireClient b21third = loggedIn(b, 21);
        Message again = nextInbound(b21third);
        assertThat(again.getInboundMessage().toStringUtf8()).isEqualTo("ciphertext2");
        b21third.send(Message.newBuilder().setSequence(again.getSequence()).setAck(Ack.getDefaultInstance()));
        await().atMost(WireClient.WAIT).untilAsserted(() -> {
            try (WireClient fourth = server.connect()) {
                assertThat(fourth.login(b, 21).hasAck()).isTrue();
                Message m;
                while ((m = fourth.poll(INTERVAL)) != null) {
                    assertThat(m.hasInboundMessage()).as("nothing left to deliver").isFalse();
                }
            }
        });

        // unregister
        assertThat(a11.request(Message.newBuilder().setUnregister(Unregister.getDefaultInstance())).hasAck()).isTrue();
        assertThat(a12.request(Message.newBuilder().setUnregister(Unregister.getDefaultInstance())).hasAck()).isTrue();
        assertThat(anonymous.request(requestPreKeys(a)).getError().getName()).isEqualTo("unknown_user");

        clients.forEach(WireClient::close);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.server.connections() == 0);
    }

    static Message.Builder outbound(IdentityKeyPair to, int device, String payload) {
        return Message.newBuilder().setOutboundMessage(OutboundMessage.newBuilder()
                .setTo(WireClient.address(to, device)).setUnidentifiedSenderMessage(ByteString.copyFromUtf8(payload)));
    }

    /** The next inboundMessage, skipping PreKeysLow notices. */
    static Message nextInbound(WireClient c) throws InterruptedException {
        Message m;
        do {
            m = c.next();
        } while (m.hasPreKeysLow());
        assertThat(m.hasInboundMessage()).as("inbound: %s", m).isTrue();
        return m;
    }
}
