package org.signalbox.core.messaging.internal.data;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageException;

/**
 * Which number belongs to which account UUID, as last learnt from the directory or from a sender certificate.
 * libsignal names people by UUID only; clients and notifications want the number beside it.
 */
public final class AddressBook {

    static final String TABLE = "addresses";
    private static final String BY_UUID = "uuid:";
    private static final String BY_NUMBER = "number:";

    private final AccountStore store;

    public AddressBook(AccountStore store) {
        this.store = store;
    }

    public Optional<String> number(String uuid) throws StorageException {
        return text(BY_UUID + uuid);
    }

    public Optional<String> uuid(String number) throws StorageException {
        return text(BY_NUMBER + number);
    }

    /** {@code number} and {@code uuid}, whichever is missing filled in where the book knows it (either may be null). */
    public Recipient completed(String number, String uuid) throws StorageException {
        String u = uuid != null ? uuid : number == null ? null : uuid(number).orElse(null);
        String n = number != null ? number : u == null ? null : number(u).orElse(null);
        return new Recipient(n, u, null);
    }

    /** Records that {@code number} is {@code uuid}'s; a number that moved to another account moves here too. */
    public void learn(String uuid, String number) throws StorageException {
        if (number == null || number.isEmpty()) {
            return;
        }
        if (number.equals(number(uuid).orElse(null)) && uuid.equals(uuid(number).orElse(null))) {
            return;
        }
        store.transaction(() -> {
            store.table(TABLE).put(BY_UUID + uuid, number.getBytes(StandardCharsets.UTF_8));
            store.table(TABLE).put(BY_NUMBER + number, uuid.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    private Optional<String> text(String key) throws StorageException {
        return store.table(TABLE).get(key).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
