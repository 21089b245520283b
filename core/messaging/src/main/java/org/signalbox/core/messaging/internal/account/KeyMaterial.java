package org.signalbox.core.messaging.internal.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
import org.signalbox.core.messaging.internal.crypto.ProtocolStore;
import org.signalbox.server.protocol.OneTimePreKey;
import org.signalbox.server.protocol.Register;
import org.signalbox.server.protocol.SignedPreKey;

import com.google.protobuf.ByteString;

/**
 * A new account's keys, all from libsignal-client: identity key pair, registration ids, one signed EC prekey, one
 * signed last-resort Kyber prekey and a batch of one-time EC prekeys; later batches when the server runs low; and
 * the public halves of them all as the server's {@code Register} message (docs/protocol/server-prekeys.md).
 */
public final class KeyMaterial {

    /** One-time prekeys made at registration; the messaging server asks for more when it runs low. */
    static final int ONE_TIME_PRE_KEYS = 100;

    private KeyMaterial() {
    }

    /** Generates and stores everything; returns the registration ids. */
    public static int[] generate(AccountStore store, long now) throws StorageException {
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
            store.table(Tables.ACCOUNT).put(ProtocolStore.KYBER_LAST_RESORT, Integer.toString(kyberId).getBytes());
            for (int i = 0; i < ONE_TIME_PRE_KEYS; i++) {
                int id = firstPreKey + i;
                store.table(Tables.PRE_KEYS).put(Integer.toString(id),
                        new PreKeyRecord(id, ECKeyPair.generate()).serialize());
            }
            storeKyber(store, identity, oneTimeKyber(kyberId, ONE_TIME_PRE_KEYS), now);
            return null;
        });
        return new int[] {registrationId, pniRegistrationId};
    }

    /** One-time keys made together: EC and Kyber, as the server counts and hands out both. */
    public record Batch(List<PreKeyRecord> ec, List<KyberPreKeyRecord> kyber) {
    }

    private static int[] oneTimeKyber(int avoid, int count) {
        int first;
        do {
            first = ThreadLocalRandom.current().nextInt(1, 0xFFFFFF - count);
        } while (avoid >= first && avoid < first + count);
        return new int[] {first, count};
    }

    private static List<KyberPreKeyRecord> storeKyber(AccountStore store, IdentityKeyPair identity, int[] ids,
            long now) throws StorageException {
        List<KyberPreKeyRecord> made = new ArrayList<>();
        for (int i = 0; i < ids[1]; i++) {
            KEMKeyPair pair = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
            byte[] signature = identity.getPrivateKey().calculateSignature(pair.getPublicKey().serialize());
            KyberPreKeyRecord r = new KyberPreKeyRecord(ids[0] + i, now, pair, signature);
            store.table(Tables.KYBER_PRE_KEYS).put(Integer.toString(r.getId()), r.serialize());
            made.add(r);
        }
        return made;
    }

    /** Makes and stores {@code count} new one-time EC and Kyber prekeys. */
    public static Batch morePreKeys(ProtocolStore keys, int count) throws StorageException {
        AccountStore store = keys.store();
        List<PreKeyRecord> ec = new ArrayList<>();
        int first = ThreadLocalRandom.current().nextInt(1, 0xFFFFFF - count);
        int lastResort = Integer.parseInt(lastResortId(store));
        return store.transaction(() -> {
            for (int i = 0; i < count; i++) {
                PreKeyRecord r = new PreKeyRecord(first + i, ECKeyPair.generate());
                store.table(Tables.PRE_KEYS).put(Integer.toString(r.getId()), r.serialize());
                ec.add(r);
            }
            return new Batch(ec, storeKyber(store, keys.getIdentityKeyPair(), oneTimeKyber(lastResort, count),
                    System.currentTimeMillis()));
        });
    }

    private static String lastResortId(AccountStore store) throws StorageException {
        return new String(store.table(Tables.ACCOUNT).get(ProtocolStore.KYBER_LAST_RESORT)
                .orElseThrow(() -> new StorageException("The account has no last-resort Kyber prekey")));
    }

    /**
     * The public halves for the server: the current signed and last-resort keys, and {@code oneTime} (the whole
     * stock at registration, a new batch on top-up; the server appends when the rest is unchanged).
     */
    public static Register register(ProtocolStore keys, int registrationId, Batch oneTime)
            throws StorageException {
        try {
            SignedPreKeyRecord signed = keys.loadSignedPreKeys().stream()
                    .max(Comparator.comparingLong(SignedPreKeyRecord::getTimestamp))
                    .orElseThrow(() -> new StorageException("The account has no signed prekey"));
            KyberPreKeyRecord kyber = keys.loadKyberPreKey(Integer.parseInt(lastResortId(keys.store())));
            Register.Builder r = Register.newBuilder().setRegistrationID(registrationId)
                    .setSignedPreKey(signed(signed.getId(), signed.getKeyPair().getPublicKey().serialize(),
                            signed.getSignature()))
                    .setKyberLastResortPreKey(signed(kyber.getId(), kyber.getKeyPair().getPublicKey().serialize(),
                            kyber.getSignature()));
            for (PreKeyRecord p : oneTime.ec()) {
                r.addOneTimePreKeys(OneTimePreKey.newBuilder().setId(p.getId())
                        .setPublicKey(ByteString.copyFrom(p.getKeyPair().getPublicKey().serialize())).build()
                        .toByteString());
            }
            for (KyberPreKeyRecord k : oneTime.kyber()) {
                r.addKyberOneTimePreKeys(signed(k.getId(), k.getKeyPair().getPublicKey().serialize(),
                        k.getSignature()));
            }
            return r.build();
        } catch (org.signal.libsignal.protocol.InvalidKeyException
                | org.signal.libsignal.protocol.InvalidKeyIdException e) {
            throw new StorageException("Unusable prekey record: " + e.getMessage(), e);
        }
    }

    /** Every one-time prekey in stock: what a (re-)registration publishes. */
    public static Batch allPreKeys(ProtocolStore keys) throws StorageException {
        List<PreKeyRecord> ec = new ArrayList<>();
        try {
            for (byte[] bytes : keys.store().table(Tables.PRE_KEYS).all().values()) {
                ec.add(new PreKeyRecord(bytes));
            }
        } catch (org.signal.libsignal.protocol.InvalidMessageException e) {
            throw new StorageException("Corrupt prekey record: " + e.getMessage(), e);
        }
        int lastResort = Integer.parseInt(lastResortId(keys.store()));
        List<KyberPreKeyRecord> kyber = keys.loadKyberPreKeys().stream().filter(k -> k.getId() != lastResort)
                .toList();
        return new Batch(ec, kyber);
    }

    private static ByteString signed(int id, byte[] publicKey, byte[] signature) {
        return SignedPreKey.newBuilder().setId(id).setPublicKey(ByteString.copyFrom(publicKey))
                .setSignature(ByteString.copyFrom(signature)).build().toByteString();
    }
}
