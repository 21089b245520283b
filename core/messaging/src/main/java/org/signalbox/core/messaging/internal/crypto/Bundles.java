package org.signalbox.core.messaging.internal.crypto;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.kem.KEMPublicKey;
import org.signal.libsignal.protocol.state.PreKeyBundle;
import org.signalbox.server.protocol.OneTimePreKey;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.SignedPreKey;

import com.google.protobuf.InvalidProtocolBufferException;

/** The server's {@code PreKey} answer as the libsignal bundle that starts a PQXDH session. */
public final class Bundles {

    private Bundles() {
    }

    /**
     * @throws InvalidKeyException when the device published no Kyber key or unusable keys: current libsignal
     *     refuses sessions without post-quantum keys
     */
    public static PreKeyBundle of(PreKey p) throws InvalidKeyException {
        try {
            IdentityKey identity = new IdentityKey(p.getAddress().getUserID().toByteArray());
            SignedPreKey signed = SignedPreKey.parseFrom(p.getSignedPreKey());
            if (p.getKyberPreKey().isEmpty()) {
                throw new InvalidKeyException("device " + p.getAddress().getDeviceID() + " published no Kyber prekey");
            }
            SignedPreKey kyber = SignedPreKey.parseFrom(p.getKyberPreKey());
            int oneTimeId = PreKeyBundle.NULL_PRE_KEY_ID;
            ECPublicKey oneTime = null;
            if (!p.getOneTimePreKey().isEmpty()) {
                OneTimePreKey o = OneTimePreKey.parseFrom(p.getOneTimePreKey());
                oneTimeId = o.getId();
                oneTime = new ECPublicKey(o.getPublicKey().toByteArray());
            }
            return new PreKeyBundle(p.getRegistrationID(), p.getAddress().getDeviceID(), oneTimeId, oneTime,
                    signed.getId(), new ECPublicKey(signed.getPublicKey().toByteArray()),
                    signed.getSignature().toByteArray(), identity, kyber.getId(),
                    new KEMPublicKey(kyber.getPublicKey().toByteArray()), kyber.getSignature().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidKeyException("undecodable prekey from the server: " + e.getMessage());
        }
    }
}
