package org.signalbox.core.internal.account;

import java.util.concurrent.ThreadLocalRandom;

import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signal.libsignal.protocol.util.KeyHelper;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;

/**
 * A new account's keys, all from libsignal-client: identity key pair, registration ids, one signed EC prekey, one
 * signed last-resort Kyber prekey and a batch of one-time EC prekeys. This is the only place that loads
 * libsignal's native library during registration; nothing on the start-up path touches these classes.
 */
final class KeyMaterial {

    /** One-time prekeys made at registration; the messaging server asks for more when it runs low. */
    static final int ONE_TIME_PRE_KEYS = 100;

    private KeyMaterial() {
    }

    /** Generates and stores everything; returns the registration ids. */
    static int[] generate(AccountStore store, long now) throws StorageException {
        IdentityKeyPair identity = IdentityKeyPair.generate();
        int registrationId = KeyHelper.generateRegistrationId(false);
        int pniRegistrationId = KeyHelper.generateRegistrationId(false);
        ThreadLocalRandom random = ThreadLocalRandom.current();

        int signedId = random.nextInt(1, 0xFFFFFF);
        ECKeyPair signedPair = ECKeyPair.generate();
        byte[] signedSignature = identity.getPrivateKey().calculateSignature(signedPair.getPublicKey().serialize());
        SignedPreKeyRecord signed = new SignedPreKeyRecord(signedId, now, signedPair, signedSignature);

        int kyberId = random.nextInt(1, 0xFFFFFF);
        KEMKeyPair kemPair = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
        byte[] kyberSignature = identity.getPrivateKey().calculateSignature(kemPair.getPublicKey().serialize());
        KyberPreKeyRecord kyber = new KyberPreKeyRecord(kyberId, now, kemPair, kyberSignature);

        int firstPreKey = random.nextInt(1, 0xFFFFFF - ONE_TIME_PRE_KEYS);
        store.transaction(() -> {
            store.table(Tables.ACCOUNT).put(AccountManager.IDENTITY, identity.serialize());
            store.table(Tables.SIGNED_PRE_KEYS).put(Integer.toString(signedId), signed.serialize());
            store.table(Tables.KYBER_PRE_KEYS).put(Integer.toString(kyberId), kyber.serialize());
            for (int i = 0; i < ONE_TIME_PRE_KEYS; i++) {
                int id = firstPreKey + i;
                store.table(Tables.PRE_KEYS).put(Integer.toString(id),
                        new PreKeyRecord(id, ECKeyPair.generate()).serialize());
            }
            return null;
        });
        return new int[] {registrationId, pniRegistrationId};
    }
}
