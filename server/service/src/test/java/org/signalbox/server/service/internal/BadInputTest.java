package org.signalbox.server.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.testing.WireClient;
import org.signalbox.server.protocol.AuthResponse;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.OutboundMessage;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.Register;
import org.signalbox.server.protocol.RequestPreKeys;

import com.google.protobuf.ByteString;

/** Every kind of bad input gets its error, and the server goes on serving the same and other connections. */
class BadInputTest {

    @TempDir
    Path dir;

    private TestServer server;
    private final IdentityKeyPair alice = IdentityKeyPair.generate();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The server still answers: a fresh connection logs in. */
    private void serverStillServes() throws Exception {
        try (WireClient c = server.connect()) {
            assertThat(c.login(IdentityKeyPair.generate(), 1).hasAck()).isTrue();
        }
    }

    @Test
    void garbageFramesGetAnErrorAndTheConnectionGoesOn() throws Exception {
        try (WireClient c = server.connect()) {
            c.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
            Message e = c.next();
            assertThat(e.getError().getName()).isEqualTo("invalid_request");
            assertThat(e.getError().getDescription()).startsWith("frame is not a Message");
            c.sendText("{\"jsonrpc\":\"2.0\"}");
            assertThat(c.next().getError().getDescription()).contains("binary frames");
            c.sendRaw(new byte[] {0x08, 0x05}); // sequence 5, no payload
            Message none = c.next();
            assertThat(none.getSequence()).isEqualTo(5);
            assertThat(none.getError().getName()).isEqualTo("invalid_request");
            assertThat(c.login(alice, 1).hasAck()).as("same connection still works").isTrue();
        }
        serverStillServes();
    }

    @Test
    void serverOnlyPayloadsFromAClientAreRefused() throws Exception {
        try (WireClient c = server.connect()) {
            Message m = c.request(Message.newBuilder().setPreKey(PreKey.getDefaultInstance()));
            assertThat(m.getError().getName()).isEqualTo("invalid_request");
        }
    }

    @Test
    void keyOperationsNeedAuthentication() throws Exception {
        try (WireClient c = server.connect()) {
            Message m = c.request(Message.newBuilder().setRegister(Register.newBuilder().setRegistrationID(1)));
            assertThat(m.getError().getName()).isEqualTo("unauthorized");
        }
    }

    @Test
    void anonymousOperationsAreRefusedOnAuthenticatedConnections() throws Exception {
        try (WireClient c = server.connect()) {
            c.login(alice, 1);
            Message send = c.request(SeedScenarioTest.outbound(alice, 1, "x"));
            assertThat(send.getError().getName()).isEqualTo("attempted_anonymous_op_on_authenticated_connection");
            Message keys = c.request(Message.newBuilder().setRequestPreKeys(
                    RequestPreKeys.newBuilder().setUserID(ByteString.copyFrom(alice.getPublicKey().serialize()))));
            assertThat(keys.getError().getName()).isEqualTo("attempted_anonymous_op_on_authenticated_connection");
            Message second = c.request(WireClient.login(alice, 1, c.nonce));
            assertThat(second.getError().getName()).isEqualTo("attempted_anonymous_op_on_authenticated_connection");
        }
    }

    @Test
    void aReplayedLoginFailsOnAnotherConnection() throws Exception {
        Message.Builder recorded;
        try (WireClient first = server.connect()) {
            recorded = WireClient.login(alice, 1, first.nonce);
            assertThat(first.request(recorded.clone()).hasAck()).isTrue();
        }
        try (WireClient replay = server.connect()) {
            Message m = replay.request(recorded.clone());
            assertThat(m.getError().getName()).isEqualTo("unauthorized");
            assertThat(m.getError().getDescription()).contains("nonce");
            assertThat(replay.closeStatus()).isEqualTo(1008);
        }
        serverStillServes();
    }

    @Test
    void wrongSignatureAndMalformedLoginsAreUnauthorized() throws Exception {
        try (WireClient c = server.connect()) {
            Message.Builder login = WireClient.login(alice, 1, c.nonce);
            byte[] sig = login.getAuthResponse().getSignature().toByteArray();
            sig[5] ^= 1;
            Message m = c.request(login.setAuthResponse(login.getAuthResponse().toBuilder()
                    .setSignature(ByteString.copyFrom(sig))));
            assertThat(m.getError().getName()).isEqualTo("unauthorized");
            assertThat(m.getError().getDescription()).contains("signature");
        }
        try (WireClient c = server.connect()) {
            Message m = c.request(Message.newBuilder().setAuthResponse(AuthResponse.newBuilder()
                    .setLogin(ByteString.copyFrom(new byte[] {0x0a, 0x03, 0x0a, 0x01, 0x05}))));
            assertThat(m.getError().getName()).as("a 1-byte userID").isEqualTo("invalid_user_id");
        }
        try (WireClient c = server.connect()) {
            Message m = c.request(Message.newBuilder().setAuthResponse(AuthResponse.newBuilder()
                    .setLogin(ByteString.copyFrom(new byte[] {(byte) 0xff}))));
            assertThat(m.getError().getName()).as("undecodable login").isEqualTo("unknown_error");
        }
        serverStillServes();
    }

    @Test
    void outboundMessagesAreChecked() throws Exception {
        try (WireClient c = server.connect()) {
            Message noTo = c.request(Message.newBuilder().setOutboundMessage(OutboundMessage.newBuilder()
                    .setUnidentifiedSenderMessage(ByteString.copyFromUtf8("x"))));
            assertThat(noTo.getError().getDescription()).contains("'to'");
            Message badUser = c.request(Message.newBuilder().setOutboundMessage(OutboundMessage.newBuilder()
                    .setTo(WireClient.address(alice, 1).toBuilder().setUserID(ByteString.copyFromUtf8("short")))
                    .setUnidentifiedSenderMessage(ByteString.copyFromUtf8("x"))));
            assertThat(badUser.getError().getName()).isEqualTo("invalid_user_id");
            Message empty = c.request(SeedScenarioTest.outbound(alice, 1, ""));
            assertThat(empty.getError().getDescription()).contains("empty");
        }
    }

    @Test
    void anOversizedFrameClosesOnlyThatConnection() throws Exception {
        try (WireClient big = server.connect(); WireClient other = server.connect()) {
            big.sendRaw(new byte[server.settings.maxFrameBytes() + 1]);
            assertThat(big.closeStatus()).isEqualTo(1009); // message too big
            assertThat(other.login(alice, 2).hasAck()).isTrue();
            assertThat(other.poll(Duration.ofMillis(100))).isNull();
        }
    }
}
