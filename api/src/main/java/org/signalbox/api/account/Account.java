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

    /** True once {@code verify} completed. */
    boolean registered();

    AccountStore store();
}
