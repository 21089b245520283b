package org.signalbox.server.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.metadata.certificate.CertificateValidator;
import org.signal.libsignal.metadata.certificate.SenderCertificate;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signalbox.server.testing.WireClient;
import org.signalbox.server.protocol.ClaimNumber;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.server.protocol.Lookup;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.Register;
import org.signalbox.server.protocol.RequestPreKeys;
import org.signalbox.server.protocol.RequestSenderCertificate;
import org.signalbox.server.protocol.SetRegistrationLock;

import com.google.protobuf.ByteString;

/** Signalbox's extensions: directory, sender certificates, list replies, Kyber keys, registration token. */
class ExtensionsTest {

    @TempDir
    Path dir;

    private final IdentityKeyPair alice = IdentityKeyPair.generate();

    private static Message.Builder claim(String number, String token) {
        return Message.newBuilder().setClaimNumber(ClaimNumber.newBuilder().setNumber(number)
                .setRegistrationToken(token));
    }

    @Test
    void aClaimedNumberKeepsItsUuidAcrossANewIdentity() throws Exception {
        try (TestServer server = new TestServer(dir); WireClient a = server.connect();
                WireClient anon = server.connect()) {
            a.login(alice, 1);
            DirectoryEntry first = a.request(claim("+15550001111", "")).getDirectoryEntry();
            assertThat(UUID.fromString(first.getUuid())).isNotNull();
            assertThat(first.getUserID().toByteArray()).isEqualTo(alice.getPublicKey().serialize());
            assertThat(anon.request(Message.newBuilder().setLookup(Lookup.newBuilder().setNumber("+15550001111")))
                    .getDirectoryEntry()).isEqualTo(first);
            assertThat(anon.request(Message.newBuilder().setLookup(Lookup.newBuilder().setUuid(first.getUuid())))
                    .getDirectoryEntry()).isEqualTo(first);
            assertThat(anon.request(Message.newBuilder().setLookup(Lookup.newBuilder().setNumber("+15559999999")))
                    .getError().getName()).isEqualTo("unknown_user");

            assertThat(a.request(claim("+15550001111", "")).getDirectoryEntry()).as("the owner again").isEqualTo(first);
            assertThat(a.request(Message.newBuilder().setSetRegistrationLock(SetRegistrationLock.newBuilder()
                    .setPin("4711"))).hasAck()).isTrue();
            IdentityKeyPair reinstalled = IdentityKeyPair.generate();
            try (WireClient again = server.connect()) {
                again.login(reinstalled, 1);
                DirectoryEntry second = again.request(claim("+15550001111", "").setClaimNumber(ClaimNumber
                        .newBuilder().setNumber("+15550001111").setRegistrationLock("4711"))).getDirectoryEntry();
                assertThat(second.getUuid()).isEqualTo(first.getUuid());
                assertThat(second.getUserID().toByteArray()).isEqualTo(reinstalled.getPublicKey().serialize());
            }
            assertThat(a.request(claim("15550001111", "")).getError().getName()).isEqualTo("invalid_request");
        }
    }

    @Test
    void senderCertificatesValidateAgainstTheTrustRoot() throws Exception {
        try (TestServer server = new TestServer(dir); WireClient a = server.connect()) {
            a.login(alice, 3);
            DirectoryEntry entry = a.request(claim("+15550002222", "")).getDirectoryEntry();
            var reply = a.request(Message.newBuilder()
                    .setRequestSenderCertificate(RequestSenderCertificate.getDefaultInstance())).getSenderCertificate();
            SenderCertificate certificate = new SenderCertificate(reply.getCertificate().toByteArray());
            ECPublicKey root = new ECPublicKey(reply.getTrustRoot().toByteArray());
            new CertificateValidator(root).validate(certificate, System.currentTimeMillis());
            assertThat(certificate.getSenderUuid()).isEqualTo(entry.getUuid());
            assertThat(certificate.getSenderE164()).contains("+15550002222");
            assertThat(certificate.getSenderDeviceId()).isEqualTo(3);
            assertThat(certificate.getKey().serialize()).isEqualTo(alice.getPublicKey().serialize());
            assertThat(server.server.authority().trustRoot().serialize()).isEqualTo(root.serialize());
            server.restart();
            assertThat(server.server.authority().trustRoot().serialize()).as("kept across restarts")
                    .isEqualTo(root.serialize());
        }
    }

    @Test
    void certificatesNeedAnAuthenticatedConnection() throws Exception {
        try (TestServer server = new TestServer(dir); WireClient anon = server.connect()) {
            assertThat(anon.request(Message.newBuilder()
                    .setRequestSenderCertificate(RequestSenderCertificate.getDefaultInstance())).getError().getName())
                    .isEqualTo("unauthorized");
        }
    }

    @Test
    void listRepliesAndKyberKeys() throws Exception {
        try (TestServer server = new TestServer(dir); WireClient d1 = server.connect();
                WireClient d2 = server.connect(); WireClient anon = server.connect()) {
            d1.login(alice, 1);
            d2.login(alice, 2);
            d1.request(Message.newBuilder().setRegister(Register.newBuilder().setRegistrationID(7)
                    .setSignedPreKey(ByteString.copyFromUtf8("spk1")).addOneTimePreKeys(ByteString.copyFromUtf8("o1"))
                    .setKyberLastResortPreKey(ByteString.copyFromUtf8("last"))
                    .addKyberOneTimePreKeys(ByteString.copyFromUtf8("k1"))));
            d2.request(Message.newBuilder().setRegister(Register.newBuilder().setRegistrationID(8)
                    .setSignedPreKey(ByteString.copyFromUtf8("spk2"))));
            Message.Builder request = Message.newBuilder().setRequestPreKeys(RequestPreKeys.newBuilder()
                    .setUserID(ByteString.copyFrom(alice.getPublicKey().serialize())).setListReply(true));
            var first = anon.request(request.clone()).getPreKeys();
            assertThat(first.getDevicesList()).hasSize(2);
            var one = first.getDevicesList().stream().filter(k -> k.getAddress().getDeviceID() == 1).findFirst()
                    .orElseThrow();
            assertThat(one.getKyberPreKey().toStringUtf8()).isEqualTo("k1");
            assertThat(one.getOneTimePreKey().toStringUtf8()).isEqualTo("o1");
            var again = anon.request(request.clone()).getPreKeys().getDevicesList().stream()
                    .filter(k -> k.getAddress().getDeviceID() == 1).findFirst().orElseThrow();
            assertThat(again.getKyberPreKey().toStringUtf8()).as("one-time keys used up").isEqualTo("last");
            assertThat(again.getOneTimePreKey().isEmpty()).isTrue();
        }
    }

    @Test
    void aRegistrationTokenClosesRegistration() throws Exception {
        try (TestServer server = new TestServer(Settings.defaults(dir).withPort(0)
                .withRegistrationToken("s3cret")); WireClient a = server.connect()) {
            a.login(alice, 1);
            Message missing = a.request(claim("+15550003333", ""));
            assertThat(missing.getError().getName()).isEqualTo("registration_token_required");
            assertThat(a.request(claim("+15550003333", "wrong")).getError().getDescription()).contains("wrong");
            assertThat(a.request(claim("+15550003333", "s3cret")).hasDirectoryEntry()).isTrue();
        }
    }
}
