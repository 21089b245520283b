package org.signalbox.core.messaging.internal.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Typed access to what the built-in methods keep in an account's store. A storage failure becomes -3 (I/O
 * error), as in signal-cli.
 */
public final class AccountData {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static final String PROFILE = "profile";
    static final String CONFIGURATION = "configuration";

    private final Account account;
    private final AccountStore store;

    private AccountData(Account account) {
        this.account = account;
        this.store = account.store();
    }

    public static AccountData of(Account account) {
        return new AccountData(account);
    }

    public Account account() {
        return account;
    }

    /** Work on the store that may fail with a storage error. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws StorageException, MessagingException;
    }

    /** Runs {@code work} in one storage transaction. */
    public <T> T transaction(Work<T> work) throws MessagingException {
        try {
            return store.transaction(() -> {
                try {
                    return work.run();
                } catch (MessagingException e) {
                    throw new Abort(e);
                }
            });
        } catch (Abort a) {
            throw a.cause;
        } catch (StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
    }

    /** Carries a method's own error out of a storage transaction, rolling it back. */
    private static final class Abort extends StorageException {
        private static final long serialVersionUID = 1L;
        private final transient MessagingException cause;

        Abort(MessagingException cause) {
            super(cause.getMessage());
            this.cause = cause;
        }
    }

    public List<ContactRecord> contacts() throws MessagingException {
        return all(Tables.CONTACTS, ContactRecord.class);
    }

    /**
     * The contact with the address half the account has learnt since it was added (a contact added by number gets
     * its UUID once the account has messaged it), for showing; stored contacts stay keyed as they were added.
     */
    public ContactRecord addressed(ContactRecord c) throws MessagingException {
        if (c.number() != null && c.uuid() != null || c.number() == null && c.uuid() == null) {
            return c;
        }
        try {
            Recipient whole = new AddressBook(store).completed(c.number(), c.uuid());
            return c.withAddress(whole.number(), whole.uuid());
        } catch (StorageException e) {
            throw MessagingException.io("Cannot read the address book: " + e.getMessage());
        }
    }

    public Optional<ContactRecord> contact(Recipient r) throws MessagingException {
        return get(Tables.CONTACTS, r.key(), ContactRecord.class);
    }

    public void put(ContactRecord c) throws MessagingException {
        put(Tables.CONTACTS, Recipient.key(c.number(), c.uuid(), c.username()), c);
    }

    public boolean removeContact(Recipient r) throws MessagingException {
        return delete(Tables.CONTACTS, r.key());
    }

    /** The groups, each member with the address half the account has learnt since the group named it. */
    public List<GroupRecord> groups() throws MessagingException {
        List<GroupRecord> out = new ArrayList<>();
        for (GroupRecord g : all(Tables.GROUPS, GroupRecord.class)) {
            out.add(completed(g));
        }
        return out;
    }

    public Optional<GroupRecord> group(String id) throws MessagingException {
        Optional<GroupRecord> g = get(Tables.GROUPS, id, GroupRecord.class);
        return g.isEmpty() ? g : Optional.of(completed(g.get()));
    }

    /**
     * A member added by number, or named by number in another member's group update, is kept as it was named;
     * its UUID (or number) comes from the address book here, so that every member the account can resolve is
     * given whole.
     */
    private GroupRecord completed(GroupRecord g) throws MessagingException {
        AddressBook addresses = new AddressBook(store);
        try {
            return g.withMembers(m -> complete(m, addresses));
        } catch (StorageException e) {
            throw MessagingException.io("Cannot read the address book: " + e.getMessage());
        }
    }

    private GroupRecord.Member complete(GroupRecord.Member m, AddressBook addresses) throws StorageException {
        if (m.number() != null && m.uuid() != null) {
            return m;
        }
        if (m.is(new Recipient(account.number(), account.uuid().toString(), null))) {
            return new GroupRecord.Member(account.number(), account.uuid().toString(), m.admin());
        }
        Recipient whole = addresses.completed(m.number(), m.uuid());
        return new GroupRecord.Member(whole.number(), whole.uuid(), m.admin());
    }

    public void put(GroupRecord g) throws MessagingException {
        put(Tables.GROUPS, g.id(), g);
    }

    public boolean removeGroup(String id) throws MessagingException {
        return delete(Tables.GROUPS, id);
    }

    public List<IdentityRecord> identities() throws MessagingException {
        return all(Tables.IDENTITIES, IdentityRecord.class);
    }

    /** The identity key on file for an account UUID. */
    public Optional<IdentityRecord> identity(String uuid) throws MessagingException {
        return get(Tables.IDENTITIES, uuid, IdentityRecord.class);
    }

    /** Keyed by UUID: libsignal names a remote party by its UUID, and a number may move to another account. */
    public void put(IdentityRecord i) throws MessagingException {
        put(Tables.IDENTITIES, i.uuid(), i);
    }

    public ProfileRecord profile() throws MessagingException {
        return get(Tables.ACCOUNT, PROFILE, ProfileRecord.class).orElse(ProfileRecord.EMPTY);
    }

    public void put(ProfileRecord p) throws MessagingException {
        put(Tables.ACCOUNT, PROFILE, p);
    }

    public Configuration configuration() throws MessagingException {
        return get(Tables.ACCOUNT, CONFIGURATION, Configuration.class).orElse(Configuration.DEFAULT);
    }

    public void put(Configuration c) throws MessagingException {
        put(Tables.ACCOUNT, CONFIGURATION, c);
    }

    private <T> List<T> all(String table, Class<T> type) throws MessagingException {
        try {
            List<T> result = new ArrayList<>();
            for (byte[] value : store.table(table).all().values()) {
                result.add(MAPPER.readValue(value, type));
            }
            return result;
        } catch (StorageException | IOException e) {
            throw MessagingException.io("Cannot read " + table + ": " + e.getMessage());
        }
    }

    private <T> Optional<T> get(String table, String key, Class<T> type) throws MessagingException {
        try {
            Optional<byte[]> value = store.table(table).get(key);
            return value.isEmpty() ? Optional.empty() : Optional.of(MAPPER.readValue(value.get(), type));
        } catch (StorageException | IOException e) {
            throw MessagingException.io("Cannot read " + table + ": " + e.getMessage());
        }
    }

    private void put(String table, String key, Object value) throws MessagingException {
        try {
            store.table(table).put(key, MAPPER.writeValueAsBytes(value));
        } catch (StorageException | IOException e) {
            throw MessagingException.io("Cannot write " + table + ": " + e.getMessage());
        }
    }

    private boolean delete(String table, String key) throws MessagingException {
        try {
            return store.table(table).delete(key);
        } catch (StorageException e) {
            throw MessagingException.io("Cannot write " + table + ": " + e.getMessage());
        }
    }
}
