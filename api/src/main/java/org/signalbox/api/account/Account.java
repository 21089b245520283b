package org.signalbox.api.account;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.signalbox.api.storage.AccountStore;

/** A local account: its address and its store. Keys and sessions live in the store. */
@ProviderType
public interface Account {

    /** E.164 number, e.g. {@code +15550001111}. */
    String number();

    /** The account's stable ACI. */
    UUID uuid();

    /** libsignal device id, 1 for a primary device. */
    int deviceId();

    /**
     * The account's identity key: the raw 32-byte Curve25519 public key, without the type byte (what a call
     * engine derives its media keys from).
     *
     * @throws AccountUnavailableException when the account's keys cannot be read
     * @since 1.1
     */
    byte[] identityKey();

    /** True once {@code verify} completed. */
    boolean registered();

    AccountStore store();
}
