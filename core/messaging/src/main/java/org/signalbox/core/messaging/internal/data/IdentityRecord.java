package org.signalbox.core.messaging.internal.data;

/**
 * A remote identity key as seen in sessions, with the trust the user gave it.
 *
 * @param identityKey base64 of the serialized libsignal {@code IdentityKey}
 * @param trustLevel {@code TRUSTED_UNVERIFIED}, {@code TRUSTED_VERIFIED} or {@code UNTRUSTED}
 */
public record IdentityRecord(String number, String uuid, String identityKey, String trustLevel,
        long addedTimestamp) {

    public static final String TRUSTED_UNVERIFIED = "TRUSTED_UNVERIFIED";
    public static final String TRUSTED_VERIFIED = "TRUSTED_VERIFIED";
    public static final String UNTRUSTED = "UNTRUSTED";

    public boolean trusted() {
        return !UNTRUSTED.equals(trustLevel);
    }

    public IdentityRecord withNumber(String value) {
        return new IdentityRecord(value, uuid, identityKey, trustLevel, addedTimestamp);
    }

    public IdentityRecord withTrust(String level) {
        return new IdentityRecord(number, uuid, identityKey, level, addedTimestamp);
    }
}
