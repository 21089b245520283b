package org.signalbox.benchmarks;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.signal.libsignal.metadata.SealedSessionCipher;
import org.signal.libsignal.metadata.certificate.CertificateValidator;
import org.signal.libsignal.metadata.certificate.SenderCertificate;
import org.signal.libsignal.metadata.certificate.ServerCertificate;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.message.CiphertextMessage;
import org.signal.libsignal.protocol.message.SignalMessage;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyBundle;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signal.libsignal.protocol.state.impl.InMemorySignalProtocolStore;

/**
 * libsignal's own cost of one message as Signalbox sends it: Double Ratchet encrypt and sealed-sender seal on the
 * sending side, unseal (certificate check included) and decrypt on the receiving side, in memory, on an
 * established PQXDH session. This is the bound the end-to-end rate is compared with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealedSenderCost {

    /** A typical padded text message: one 160-byte block. */
    private static final byte[] PLAINTEXT = new byte[160];

    private SealedSessionCipher sender;
    private SealedSessionCipher receiver;
    private CertificateValidator validator;
    private SenderCertificate certificate;
    private SignalProtocolAddress bobAddress;

    @Setup
    public void session() throws Exception {
        UUID aliceUuid = UUID.randomUUID();
        UUID bobUuid = UUID.randomUUID();
        IdentityKeyPair aliceId = IdentityKeyPair.generate();
        IdentityKeyPair bobId = IdentityKeyPair.generate();
        InMemorySignalProtocolStore alice = new InMemorySignalProtocolStore(aliceId, 1);
        InMemorySignalProtocolStore bob = new InMemorySignalProtocolStore(bobId, 2);
        long now = System.currentTimeMillis();
        ECKeyPair oneTime = ECKeyPair.generate();
        ECKeyPair signed = ECKeyPair.generate();
        byte[] signedSignature = bobId.getPrivateKey().calculateSignature(signed.getPublicKey().serialize());
        KEMKeyPair kyber = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
        byte[] kyberSignature = bobId.getPrivateKey().calculateSignature(kyber.getPublicKey().serialize());
        bob.storePreKey(1, new PreKeyRecord(1, oneTime));
        bob.storeSignedPreKey(2, new SignedPreKeyRecord(2, now, signed, signedSignature));
        bob.storeKyberPreKey(3, new KyberPreKeyRecord(3, now, kyber, kyberSignature));
        bobAddress = new SignalProtocolAddress(bobUuid.toString(), 1);
        new SessionBuilder(alice, bobAddress).process(new PreKeyBundle(2, 1, 1, oneTime.getPublicKey(), 2,
                signed.getPublicKey(), signedSignature, bobId.getPublicKey(), 3, kyber.getPublicKey(),
                kyberSignature));

        ECKeyPair root = ECKeyPair.generate();
        ECKeyPair serverKey = ECKeyPair.generate();
        ServerCertificate server = new ServerCertificate(root.getPrivateKey(), 1, serverKey.getPublicKey());
        certificate = server.issue(serverKey.getPrivateKey(), aliceUuid.toString(), Optional.of("+15550001111"), 1,
                aliceId.getPublicKey().getPublicKey(), now + 86_400_000L);
        validator = new CertificateValidator(root.getPublicKey());
        sender = new SealedSessionCipher(alice, aliceUuid, "+15550001111", 1);
        receiver = new SealedSessionCipher(bob, bobUuid, "+15550002222", 1);
        // the first message carries the PQXDH prekey message and bob's answer acknowledges the session: measure
        // the steady state after that, as in a conversation
        receiver.decrypt(validator, sender.encrypt(bobAddress, certificate, PLAINTEXT), now);
        SignalProtocolAddress aliceAddress = new SignalProtocolAddress(aliceUuid.toString(), 1);
        CiphertextMessage reply = new SessionCipher(bob, aliceAddress).encrypt(PLAINTEXT);
        new SessionCipher(alice, bobAddress).decrypt(new SignalMessage(reply.serialize()));
    }

    @Benchmark
    public byte[] sealEncryptUnsealDecrypt() throws Exception {
        byte[] sealed = sender.encrypt(bobAddress, certificate, PLAINTEXT);
        return receiver.decrypt(validator, sealed, System.currentTimeMillis()).getPaddedMessage();
    }
}
