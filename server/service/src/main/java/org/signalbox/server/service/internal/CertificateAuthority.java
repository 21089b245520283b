package org.signalbox.server.service.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.signal.libsignal.metadata.certificate.InvalidCertificateException;
import org.signal.libsignal.metadata.certificate.ServerCertificate;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.ecc.ECPrivateKey;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageException;
import org.signalbox.server.protocol.SenderCertificate;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Issues libsignal sender certificates for sealed sender (docs/protocol/server-sender-certificates.md): a trust
 * root, created once and kept in the server's database, signs one server certificate, whose key signs short-lived
 * sender certificates for authenticated devices.
 */
final class CertificateAuthority {

    private static final String TABLE = "server";
    private static final String KEY = "certificate-authority";
    private static final int SERVER_KEY_ID = 1;

    private final ECPublicKey trustRoot;
    private final ServerCertificate serverCertificate;
    private final ECPrivateKey serverKey;
    private final Duration lifetime;
    private final Clock clock;

    private CertificateAuthority(Records.Authority a, Duration lifetime, Clock clock)
            throws InvalidKeyException, InvalidCertificateException {
        this.trustRoot = new ECPublicKey(a.getTrustRootPublic().toByteArray());
        this.serverCertificate = new ServerCertificate(a.getServerCertificate().toByteArray());
        this.serverKey = new ECPrivateKey(a.getServerPrivate().toByteArray());
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Loads the authority, creating its keys on first use. */
    static CertificateAuthority open(AccountStore store, Duration lifetime, Clock clock) throws StorageException {
        Records.Authority a = store.transaction(() -> {
            Optional<byte[]> stored = store.table(TABLE).get(KEY);
            if (stored.isPresent()) {
                try {
                    return Records.Authority.parseFrom(stored.get());
                } catch (InvalidProtocolBufferException e) {
                    throw new StorageException("Corrupt certificate authority record", e);
                }
            }
            ECKeyPair root = ECKeyPair.generate();
            ECKeyPair server = ECKeyPair.generate();
            ServerCertificate certificate = new ServerCertificate(root.getPrivateKey(), SERVER_KEY_ID,
                    server.getPublicKey());
            Records.Authority created = Records.Authority.newBuilder()
                    .setTrustRootPublic(ByteString.copyFrom(root.getPublicKey().serialize()))
                    .setTrustRootPrivate(ByteString.copyFrom(root.getPrivateKey().serialize()))
                    .setServerCertificate(ByteString.copyFrom(certificate.getSerialized()))
                    .setServerPrivate(ByteString.copyFrom(server.getPrivateKey().serialize())).build();
            store.table(TABLE).put(KEY, created.toByteArray());
            return created;
        });
        try {
            return new CertificateAuthority(a, lifetime, clock);
        } catch (InvalidKeyException | InvalidCertificateException e) {
            throw new StorageException("Unusable certificate authority record: " + e.getMessage(), e);
        }
    }

    ECPublicKey trustRoot() {
        return trustRoot;
    }

    SenderCertificate issue(String uuid, Optional<String> number, int deviceId, IdentityKey identity) {
        long expires = clock.millis() + lifetime.toMillis();
        var certificate = serverCertificate.issue(serverKey, uuid, number, deviceId, identity.getPublicKey(),
                expires);
        return SenderCertificate.newBuilder().setCertificate(ByteString.copyFrom(certificate.getSerialized()))
                .setTrustRoot(ByteString.copyFrom(trustRoot.serialize())).build();
    }
}
