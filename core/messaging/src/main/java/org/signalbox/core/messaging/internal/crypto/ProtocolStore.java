package org.signalbox.core.messaging.internal.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyIdException;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.NoSessionException;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.groups.state.SenderKeyRecord;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SessionRecord;
import org.signal.libsignal.protocol.state.SignalProtocolStore;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signalbox.api.account.Account;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.AddressBook;
import org.signalbox.core.messaging.internal.data.IdentityRecord;

/**
 * libsignal's protocol store over one account's record tables. libsignal calls it on the thread that encrypts or
 * decrypts, so whatever it writes joins the transaction that thread has open: a decrypted message, the session
 * step it cost and the envelope stored for the client commit together.
 *
 * <p>Trust follows signal-cli's default (trust on first use): the first key seen for a UUID is trusted
 * unverified; a different key later is stored as {@code UNTRUSTED} and both directions refuse it until
 * {@code trust}.
 */
public final class ProtocolStore implements SignalProtocolStore {

    /** The id of the last-resort Kyber prekey, in {@link Tables#ACCOUNT}; it is never removed when used. */
    public static final String KYBER_LAST_RESORT = "kyber-last-resort";

    private final Account account;
    private final AccountStore store;
    private final IdentityKeyPair identity;
    private final int registrationId;

    public ProtocolStore(Account account, IdentityKeyPair identity, int registrationId) {
        this.account = account;
        this.store = account.store();
        this.identity = identity;
        this.registrationId = registrationId;
    }

    public AccountStore store() {
        return store;
    }

    /** The account's own identity key pair, as {@code register} stored it. */
    public static IdentityKeyPair identityOf(AccountStore store, String key) throws StorageException {
        byte[] bytes = store.table(Tables.ACCOUNT).get(key)
                .orElseThrow(() -> new StorageException("The account has no identity key; register it again"));
        try {
            return new IdentityKeyPair(bytes);
        } catch (org.signal.libsignal.protocol.InvalidKeyException e) {
            throw new StorageException("Corrupt identity key pair: " + e.getMessage(), e);
        }
    }

    @Override
    public IdentityKeyPair getIdentityKeyPair() {
        return identity;
    }

    @Override
    public int getLocalRegistrationId() {
        return registrationId;
    }

    @Override
    public IdentityChange saveIdentity(SignalProtocolAddress address, IdentityKey key) {
        String uuid = address.getName();
        Optional<IdentityRecord> known = identityRecord(uuid);
        if (known.isPresent() && known.get().identityKey().equals(encode(key))) {
            return IdentityChange.NEW_OR_UNCHANGED;
        }
        String number = unchecked(() -> new AddressBook(store).number(uuid).orElse(null));
        String trust = known.isPresent() ? IdentityRecord.UNTRUSTED : IdentityRecord.TRUSTED_UNVERIFIED;
        unchecked(() -> {
            AccountData.of(account).put(new IdentityRecord(number, uuid, encode(key), trust,
                    System.currentTimeMillis()));
            return null;
        });
        if (known.isPresent()) {
            // sessions with the old key would keep encrypting to it
            deleteAllSessions(uuid);
            return IdentityChange.REPLACED_EXISTING;
        }
        return IdentityChange.NEW_OR_UNCHANGED;
    }

    @Override
    public boolean isTrustedIdentity(SignalProtocolAddress address, IdentityKey key, Direction direction) {
        Optional<IdentityRecord> known = identityRecord(address.getName());
        return known.isEmpty() || (known.get().identityKey().equals(encode(key)) && known.get().trusted());
    }

    @Override
    public IdentityKey getIdentity(SignalProtocolAddress address) {
        return identityRecord(address.getName()).map(r -> {
            try {
                return new IdentityKey(Base64.getDecoder().decode(r.identityKey()));
            } catch (org.signal.libsignal.protocol.InvalidKeyException e) {
                throw new StoreFailure("Corrupt identity key for " + address.getName(), e);
            }
        }).orElse(null);
    }

    private Optional<IdentityRecord> identityRecord(String uuid) {
        return unchecked(() -> AccountData.of(account).identity(uuid));
    }

    static String encode(IdentityKey key) {
        return Base64.getEncoder().encodeToString(key.serialize());
    }

    // --- one-time EC prekeys

    @Override
    public PreKeyRecord loadPreKey(int id) throws InvalidKeyIdException {
        byte[] bytes = get(Tables.PRE_KEYS, id).orElseThrow(() -> new InvalidKeyIdException("No prekey " + id));
        return parse(() -> new PreKeyRecord(bytes));
    }

    @Override
    public void storePreKey(int id, PreKeyRecord record) {
        put(Tables.PRE_KEYS, Integer.toString(id), record.serialize());
    }

    @Override
    public boolean containsPreKey(int id) {
        return get(Tables.PRE_KEYS, id).isPresent();
    }

    @Override
    public void removePreKey(int id) {
        delete(Tables.PRE_KEYS, Integer.toString(id));
    }

    // --- signed EC prekeys

    @Override
    public SignedPreKeyRecord loadSignedPreKey(int id) throws InvalidKeyIdException {
        byte[] bytes = get(Tables.SIGNED_PRE_KEYS, id)
                .orElseThrow(() -> new InvalidKeyIdException("No signed prekey " + id));
        return parse(() -> new SignedPreKeyRecord(bytes));
    }

    @Override
    public List<SignedPreKeyRecord> loadSignedPreKeys() {
        return records(Tables.SIGNED_PRE_KEYS, SignedPreKeyRecord::new);
    }

    @Override
    public void storeSignedPreKey(int id, SignedPreKeyRecord record) {
        put(Tables.SIGNED_PRE_KEYS, Integer.toString(id), record.serialize());
    }

    @Override
    public boolean containsSignedPreKey(int id) {
        return get(Tables.SIGNED_PRE_KEYS, id).isPresent();
    }

    @Override
    public void removeSignedPreKey(int id) {
        delete(Tables.SIGNED_PRE_KEYS, Integer.toString(id));
    }

    // --- Kyber prekeys

    @Override
    public KyberPreKeyRecord loadKyberPreKey(int id) throws InvalidKeyIdException {
        byte[] bytes = get(Tables.KYBER_PRE_KEYS, id)
                .orElseThrow(() -> new InvalidKeyIdException("No Kyber prekey " + id));
        return parse(() -> new KyberPreKeyRecord(bytes));
    }

    @Override
    public List<KyberPreKeyRecord> loadKyberPreKeys() {
        return records(Tables.KYBER_PRE_KEYS, KyberPreKeyRecord::new);
    }

    @Override
    public void storeKyberPreKey(int id, KyberPreKeyRecord record) {
        put(Tables.KYBER_PRE_KEYS, Integer.toString(id), record.serialize());
    }

    @Override
    public boolean containsKyberPreKey(int id) {
        return get(Tables.KYBER_PRE_KEYS, id).isPresent();
    }

    @Override
    public void markKyberPreKeyUsed(int id, int signedPreKeyId, ECPublicKey baseKey) {
        String lastResort = unchecked(() -> store.table(Tables.ACCOUNT).get(KYBER_LAST_RESORT).map(String::new)
                .orElse(""));
        if (!lastResort.equals(Integer.toString(id))) {
            delete(Tables.KYBER_PRE_KEYS, Integer.toString(id));
        }
    }

    // --- sessions, keyed "uuid.device"

    @Override
    public SessionRecord loadSession(SignalProtocolAddress address) {
        return get(Tables.SESSIONS, address.toString()).map(b -> parse(() -> new SessionRecord(b)))
                .orElseGet(SessionRecord::new);
    }

    @Override
    public List<SessionRecord> loadExistingSessions(List<SignalProtocolAddress> addresses) throws NoSessionException {
        List<SessionRecord> out = new ArrayList<>();
        for (SignalProtocolAddress a : addresses) {
            byte[] bytes = get(Tables.SESSIONS, a.toString())
                    .orElseThrow(() -> new NoSessionException("No session with " + a));
            out.add(parse(() -> new SessionRecord(bytes)));
        }
        return out;
    }

    @Override
    public List<Integer> getSubDeviceSessions(String name) {
        List<Integer> out = new ArrayList<>();
        for (String key : all(Tables.SESSIONS).keySet()) {
            int dot = key.lastIndexOf('.');
            if (key.substring(0, dot).equals(name)) {
                int device = Integer.parseInt(key.substring(dot + 1));
                if (device != 1) {
                    out.add(device);
                }
            }
        }
        return out;
    }

    /** Every device of {@code uuid} this account has a session with, the primary (1) included. */
    public List<Integer> sessionDevices(String uuid) {
        List<Integer> out = new ArrayList<>();
        if (containsSession(new SignalProtocolAddress(uuid, 1))) {
            out.add(1);
        }
        out.addAll(getSubDeviceSessions(uuid));
        return out;
    }

    @Override
    public void storeSession(SignalProtocolAddress address, SessionRecord record) {
        put(Tables.SESSIONS, address.toString(), record.serialize());
    }

    @Override
    public boolean containsSession(SignalProtocolAddress address) {
        return get(Tables.SESSIONS, address.toString()).isPresent();
    }

    @Override
    public void deleteSession(SignalProtocolAddress address) {
        delete(Tables.SESSIONS, address.toString());
    }

    @Override
    public void deleteAllSessions(String name) {
        for (String key : all(Tables.SESSIONS).keySet()) {
            if (key.substring(0, key.lastIndexOf('.')).equals(name)) {
                delete(Tables.SESSIONS, key);
            }
        }
    }

    // --- sender keys (group sessions), keyed "uuid.device.distribution"

    @Override
    public void storeSenderKey(SignalProtocolAddress sender, UUID distributionId, SenderKeyRecord record) {
        put(Tables.SENDER_KEYS, sender + "." + distributionId, record.serialize());
    }

    @Override
    public SenderKeyRecord loadSenderKey(SignalProtocolAddress sender, UUID distributionId) {
        return unchecked(() -> store.table(Tables.SENDER_KEYS).get(sender + "." + distributionId))
                .map(b -> parse(() -> new SenderKeyRecord(b))).orElse(null);
    }

    // --- plumbing: libsignal's interfaces cannot throw checked storage errors

    /** A storage failure inside a libsignal callback; the surrounding transaction rolls back. */
    public static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    private interface Io<T> {
        T run() throws StorageException, MessagingException;
    }

    @FunctionalInterface
    private interface Decode<T> {
        T run() throws InvalidMessageException;
    }

    private static <T> T unchecked(Io<T> io) {
        try {
            return io.run();
        } catch (StorageException | MessagingException e) {
            throw new StoreFailure("Storage failure: " + e.getMessage(), e);
        }
    }

    /** Every record of a table, decoded. */
    private <T> List<T> records(String table, RecordDecoder<T> decoder) {
        List<T> out = new ArrayList<>();
        for (byte[] bytes : all(table).values()) {
            out.add(parse(() -> decoder.decode(bytes)));
        }
        return out;
    }

    private interface RecordDecoder<T> {
        T decode(byte[] bytes) throws InvalidMessageException;
    }

    private static <T> T parse(Decode<T> decode) {
        try {
            return decode.run();
        } catch (InvalidMessageException e) {
            throw new StoreFailure("Corrupt key or session record: " + e.getMessage(), e);
        }
    }

    private RecordTable table(String name) {
        return store.table(name);
    }

    private Optional<byte[]> get(String table, int id) {
        return get(table, Integer.toString(id));
    }

    private Optional<byte[]> get(String table, String key) {
        return unchecked(() -> table(table).get(key));
    }

    private Map<String, byte[]> all(String table) {
        return unchecked(() -> table(table).all());
    }

    private void put(String table, String key, byte[] value) {
        unchecked(() -> {
            table(table).put(key, value);
            return null;
        });
    }

    private void delete(String table, String key) {
        unchecked(() -> table(table).delete(key));
    }
}
