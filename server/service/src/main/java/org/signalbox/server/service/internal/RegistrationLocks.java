package org.signalbox.server.service.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;

/**
 * Registration lock PINs, per number: stored as salted PBKDF2 hashes, never as the PIN, and guessed at most
 * {@link Limits#lockAttempts()} times per window, the count kept in the store so a restart does not reset it.
 */
final class RegistrationLocks {

    /** What a presented PIN is worth. */
    enum Verdict {
        NO_LOCK, OPENS, WRONG, TOO_MANY_ATTEMPTS
    }

    private static final String LOCKS = "directory/lock";
    private static final String FAILURES = "directory/lock-failures";
    private static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore store;
    private final Limits limits;

    RegistrationLocks(AccountStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** Sets {@code number}'s PIN; an empty one removes the lock. */
    void set(String number, String pin) throws StorageException {
        if (pin.isEmpty()) {
            store.table(LOCKS).delete(number);
            return;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        store.table(LOCKS).put(number, ByteBuffer.allocate(48).put(salt).put(hash(pin, salt)).array());
    }

    boolean locked(String number) throws StorageException {
        return store.table(LOCKS).get(number).isPresent();
    }

    /** Checks {@code pin} against {@code number}'s lock, counting wrong guesses. */
    Verdict check(String number, String pin) throws StorageException {
        return store.transaction(() -> {
            Optional<byte[]> lock = store.table(LOCKS).get(number);
            if (lock.isEmpty()) {
                return Verdict.NO_LOCK;
            }
            RecordTable failures = store.table(FAILURES);
            long now = System.currentTimeMillis();
            ByteBuffer f = failures.get(number).map(ByteBuffer::wrap).orElse(ByteBuffer.allocate(12).putLong(0, now)
                    .putInt(8, 0));
            long since = f.getLong(0);
            int count = now - since >= limits.lockWindow().toMillis() ? 0 : f.getInt(8);
            if (count >= limits.lockAttempts()) {
                return Verdict.TOO_MANY_ATTEMPTS;
            }
            byte[] salt = java.util.Arrays.copyOfRange(lock.get(), 0, 16);
            byte[] expected = java.util.Arrays.copyOfRange(lock.get(), 16, 48);
            if (!pin.isEmpty() && MessageDigest.isEqual(expected, hash(pin, salt))) {
                failures.delete(number);
                return Verdict.OPENS;
            }
            failures.put(number, ByteBuffer.allocate(12).putLong(count == 0 ? now : since).putInt(count + 1)
                    .array());
            return Verdict.WRONG;
        });
    }

    /** Guesses left for {@code number} in its current window. */
    int attemptsLeft(String number) throws StorageException {
        Optional<byte[]> f = store.table(FAILURES).get(number);
        if (f.isEmpty()) {
            return limits.lockAttempts();
        }
        ByteBuffer b = ByteBuffer.wrap(f.get());
        boolean current = System.currentTimeMillis() - b.getLong(0) < limits.lockWindow().toMillis();
        return current ? Math.max(0, limits.lockAttempts() - b.getInt(8)) : limits.lockAttempts();
    }

    private static byte[] hash(String pin, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(
                    pin.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
