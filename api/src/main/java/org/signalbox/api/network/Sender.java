package org.signalbox.api.network;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who sent received content, as the sealed-sender certificate proved it.
 *
 * @param aci the sender's account id
 * @param number the sender's number when its certificate or the address book has it, else null
 * @param deviceId the sending device
 * @param identityKey the sender's identity key: the raw 32-byte Curve25519 public key, without the type byte
 */
public record Sender(UUID aci, String number, int deviceId, byte[] identityKey) {

    public Sender {
        Objects.requireNonNull(aci, "aci");
        Objects.requireNonNull(identityKey, "identityKey");
    }

    public Optional<String> numberIfKnown() {
        return Optional.ofNullable(number);
    }
}
