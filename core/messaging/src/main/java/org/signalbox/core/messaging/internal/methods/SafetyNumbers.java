package org.signalbox.core.messaging.internal.methods;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.fingerprint.Fingerprint;
import org.signal.libsignal.protocol.fingerprint.NumericFingerprintGenerator;
import org.signalbox.api.account.Account;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** Safety numbers from libsignal's fingerprint API, over ACIs (fingerprint version 2), as Signal apps show them. */
final class SafetyNumbers {

    private static final int ITERATIONS = 5200;
    private static final int VERSION = 2;

    /** What {@code listIdentities} shows for one remote key. */
    record Numbers(String fingerprint, String safetyNumber, String scannable) {
    }

    private SafetyNumbers() {
    }

    static Numbers of(Account self, UUID remote, IdentityKey remoteKey) throws MessagingException {
        IdentityKey own = ownKey(self);
        Fingerprint f = new NumericFingerprintGenerator(ITERATIONS).createFor(VERSION, bytes(self.uuid()), own,
                bytes(remote), remoteKey);
        // signal-cli's Hex.toString: byte pairs apart
        return new Numbers(HexFormat.ofDelimiter(" ").formatHex(remoteKey.serialize()),
                f.getDisplayableFingerprint().getDisplayText(),
                Base64.getEncoder().encodeToString(f.getScannableFingerprint().getSerialized()));
    }

    /** signal-cli's {@code formatSafetyNumber}: the digits in twelve groups, as apps show them. */
    static String displayed(String digits) {
        int part = digits.length() / 12;
        StringBuilder out = new StringBuilder(digits.length() + 11);
        for (int i = 0; i < 12; i++) {
            out.append(i == 0 ? "" : " ").append(digits, i * part, (i + 1) * part);
        }
        return out.toString();
    }

    static IdentityKey decode(String base64) throws MessagingException {
        try {
            return new IdentityKey(Base64.getDecoder().decode(base64), 0);
        } catch (InvalidKeyException | IllegalArgumentException e) {
            throw MessagingException.io("Stored identity key is unreadable: " + e.getMessage());
        }
    }

    private static IdentityKey ownKey(Account self) throws MessagingException {
        try {
            byte[] pair = self.store().table(Tables.ACCOUNT).get(AccountManager.IDENTITY)
                    .orElseThrow(() -> MessagingException.io("Account " + self.number() + " has no identity key"));
            return new IdentityKeyPair(pair).getPublicKey();
        } catch (StorageException | InvalidKeyException e) {
            throw MessagingException.io("Cannot read the identity key of " + self.number() + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
