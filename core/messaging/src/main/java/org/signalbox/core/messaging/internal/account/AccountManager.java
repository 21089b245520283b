package org.signalbox.core.messaging.internal.account;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import org.signalbox.api.account.Account;
import org.signalbox.api.account.AccountUnavailableException;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.PrivateFiles;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The accounts under one data directory, laid out as signal-cli lays them out: {@code data/accounts.json} and
 * one private folder {@code data/<path>.d/} per account, where the storage backend keeps its files.
 *
 * <p>An account this process opens for writing is locked (a file lock in its folder) for the life of the
 * process; a second process gets a clear error instead of a hang. Read-only one-shot commands open without the
 * lock, so they answer even while a daemon holds the account. A single-account process ({@code -a}) sees only its
 * account, so processes for the other accounts of the data directory run beside it.
 *
 * <p>The service exists from start-up; {@link MessagingSetup} {@link #configure configures} it from the
 * configuration the command line writes once it has parsed {@code --config}. Calls made before then wait (up to
 * {@link #READY_TIMEOUT_SECONDS}), so requests a client sends while the daemon starts are answered once it is
 * ready; if the data directory cannot be used, every call says why.
 */
@Component(service = {Accounts.class, AccountManager.class})
public final class AccountManager implements Accounts {

    static final int READY_TIMEOUT_SECONDS = 60;

    private static final System.Logger LOG = System.getLogger(AccountManager.class.getSimpleName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String STATE = "state";
    /** The account's serialized libsignal identity key pair, in {@link Tables#ACCOUNT}. */
    public static final String IDENTITY = "identity";

    private final CountDownLatch configured = new CountDownLatch(1);
    private volatile String unusable;
    private final Map<String, AccountImpl> open = new ConcurrentHashMap<>();
    private final Map<String, FileChannel> locks = new ConcurrentHashMap<>();
    /**
     * Held while an account is opened, made or deleted, or the backend replaced: two requests at once (two
     * registers, a register and a verify) open an account once, where a second file lock would throw.
     */
    private final ReentrantLock opening = new ReentrantLock();
    private volatile Path dataDirectory;
    private volatile StorageBackend backend;
    private volatile boolean exclusive;
    private volatile AccountsFile file;
    /** The {@code -a} account of a single-account process: the only one it sees, opens and locks. */
    private volatile Optional<String> only = Optional.empty();
    private volatile AccountMirror mirror;

    /**
     * Sets where accounts live, once per process, and the storage backend that keeps them; called again with the
     * same directory when the backend service was replaced.
     *
     * @param root the {@code --config} directory; accounts live under {@code root/data}
     * @param exclusive whether opened accounts are locked against other processes
     */
    public void configure(Path root, StorageBackend storage, boolean lockAccounts) throws IOException {
        configure(root, storage, lockAccounts, Optional.empty());
    }

    /**
     * @param onlyAccount the number or UUID of the one account this process uses ({@code -a}), so that processes
     *     for other accounts of the same data directory run beside it, as signal-cli's do
     */
    public synchronized void configure(Path root, StorageBackend storage, boolean lockAccounts,
            Optional<String> onlyAccount) throws IOException {
        if (configured.getCount() == 0) {
            if (unusable != null || !root.resolve("data").equals(dataDirectory)) {
                throw new IllegalStateException("already configured for " + dataDirectory);
            }
            replaceBackend(storage);
            return;
        }
        this.dataDirectory = root.resolve("data");
        this.backend = storage;
        this.exclusive = lockAccounts;
        this.only = onlyAccount;
        this.file = new AccountsFile(dataDirectory);
        this.mirror = new AccountMirror(dataDirectory);
        if (lockAccounts) {
            if (Files.isDirectory(root) && !Files.isWritable(root)) {
                throw new IOException("it is read-only (a read-only file system, or no write permission), and "
                        + "this command writes account data there");
            }
            file.ensureExists();
            // closes what an older version or another umask left readable to others
            PrivateFiles.tree(dataDirectory);
            PrivateFiles.tree(root.resolve("attachments"));
            PrivateFiles.tree(root.resolve("server"));
        }
        file.read(); // a damaged accounts.json is said now, not taken for an empty one
        configured.countDown();
    }

    /**
     * The backend service was replaced (a new version of its bundle, or another service matching the same
     * filter): each open account's store is reopened through {@code next}, under the same objects, so the network
     * clients and sessions that hold the accounts carry on. Opening an account waits while this runs.
     */
    private void replaceBackend(StorageBackend next) throws IOException {
        opening.lock();
        try {
            backend = next;
            for (AccountImpl a : open.values()) {
                try {
                    a.reopened(next.open(folder(a.entry()), a.entry().path()));
                } catch (StorageException e) {
                    open.remove(a.number());
                    throw new IOException("Cannot reopen account " + a.number() + " with the new storage backend: "
                            + e.getMessage(), e);
                }
            }
        } finally {
            opening.unlock();
        }
        LOG.log(System.Logger.Level.INFO, "Storage backend replaced by " + next.name() + "; " + open.size()
                + " open accounts reopened");
    }

    /** The data directory cannot be used: every call says {@code why} from now on. */
    public synchronized void unusable(String why) {
        if (configured.getCount() == 0) {
            throw new IllegalStateException("already configured for " + dataDirectory);
        }
        unusable = why;
        configured.countDown();
    }

    @Override
    public void awaitReady() {
        awaitConfigured();
    }

    private void awaitConfigured() {
        try {
            if (!configured.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AccountUnavailableException(null, "The daemon has no data directory configured", null);
            }
            if (unusable != null) {
                throw new AccountUnavailableException(null, unusable, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountUnavailableException(null, "Interrupted while the daemon starts", e);
        }
    }

    @Override
    public List<Account> list() {
        List<Account> result = new ArrayList<>();
        for (AccountsFile.Entry e : entries()) {
            load(e).filter(Account::registered).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public Optional<Account> find(String numberOrUuid) {
        return entry(numberOrUuid).flatMap(this::load).filter(Account::registered).map(Account.class::cast);
    }

    /** An account with local data, registered or not. */
    public Optional<AccountImpl> local(String number) {
        return entry(number).flatMap(this::load);
    }

    /** Creates the account's keys and entry, or returns the one that exists. */
    public AccountImpl create(String number) throws StorageException {
        opening.lock();
        try {
            return createOnce(number);
        } finally {
            opening.unlock();
        }
    }

    private AccountImpl createOnce(String number) throws StorageException {
        Optional<AccountImpl> existing = local(number);
        if (existing.isPresent()) {
            return existing.get();
        }
        AccountsFile.Entry[] made = new AccountsFile.Entry[1];
        try {
            file.update(entries -> {
                entries.stream().filter(e -> e.number().equals(number)).findFirst().ifPresentOrElse(
                        e -> made[0] = e,
                        () -> {
                            made[0] = new AccountsFile.Entry(freePath(entries), "LIVE", number,
                                    UUID.randomUUID().toString());
                            entries.add(made[0]);
                        });
                return entries;
            });
        } catch (IOException e) {
            throw new StorageException("Cannot update accounts.json: " + e.getMessage(), e);
        }
        AccountStore store = openStore(made[0]);
        long now = System.currentTimeMillis();
        int[] ids = KeyMaterial.generate(store, now);
        AccountState state = new AccountState(number, made[0].uuid(), 1, ids[0], ids[1], false, now, "cli");
        writeState(store, state);
        mirror(made[0], state, false);
        AccountImpl account = new AccountImpl(made[0], store, state);
        open.put(number, account);
        LOG.log(System.Logger.Level.INFO, "Created account " + number + " (" + made[0].uuid() + ")");
        return account;
    }

    /** Takes the UUID the messaging server assigned to the account's number (its ACI from then on). */
    public void adoptUuid(AccountImpl account, String uuid) throws StorageException {
        if (account.uuid().toString().equals(uuid)) {
            return;
        }
        try {
            AccountsFile.Entry[] changed = new AccountsFile.Entry[1];
            file.update(entries -> {
                entries.replaceAll(e -> {
                    if (!e.number().equals(account.number())) {
                        return e;
                    }
                    changed[0] = new AccountsFile.Entry(e.path(), e.environment(), e.number(), uuid);
                    return changed[0];
                });
                return entries;
            });
            AccountState state = account.state().withUuid(uuid);
            writeState(account.store(), state);
            account.state(state);
            account.entry(changed[0]);
            mirror(changed[0], state, false);
        } catch (IOException e) {
            throw new StorageException("Cannot update accounts.json: " + e.getMessage(), e);
        }
    }

    public void markRegistered(AccountImpl account) throws StorageException {
        markRegistered(account, true);
    }

    /** {@code registered}: after {@code verify}; not, after {@code unregister}, until the next verify. */
    public void markRegistered(AccountImpl account, boolean registered) throws StorageException {
        AccountState state = account.state().withRegistered(registered);
        writeState(account.store(), state);
        account.state(state);
        mirror(account.entry(), state, false);
    }

    /** Deletes everything local about the account; returns false if there was nothing. */
    public boolean delete(String number) throws StorageException {
        opening.lock();
        try {
            return deleteOnce(number);
        } finally {
            opening.unlock();
        }
    }

    private boolean deleteOnce(String number) throws StorageException {
        Optional<AccountsFile.Entry> entry = entry(number);
        if (entry.isEmpty()) {
            return false;
        }
        load(entry.get()); // takes the lock: never delete what another process has open
        AccountImpl account = open.remove(number);
        if (account != null) {
            account.store().close();
        }
        backend.delete(folder(entry.get()), entry.get().path());
        try {
            file.update(entries -> {
                entries.removeIf(e -> e.number().equals(number));
                return entries;
            });
            mirror.delete(entry.get());
            unlock(entry.get());
            deleteFolder(folder(entry.get()));
        } catch (IOException e) {
            throw new StorageException("Cannot delete the data of " + number + ": " + e.getMessage(), e);
        }
        return true;
    }

    private Optional<AccountsFile.Entry> entry(String numberOrUuid) {
        return entries().stream()
                .filter(e -> e.number().equals(numberOrUuid) || e.uuid().equalsIgnoreCase(numberOrUuid))
                .findFirst();
    }

    private List<AccountsFile.Entry> entries() {
        awaitConfigured();
        try {
            List<AccountsFile.Entry> all = file.read();
            Optional<String> one = only;
            return one.isEmpty() ? all : all.stream().filter(e -> e.number().equals(one.get())
                    || e.uuid().equalsIgnoreCase(one.get())).toList();
        } catch (IOException e) {
            // not "no accounts": a client would register over the ones it cannot see
            throw new AccountUnavailableException(null, e.getMessage(), e);
        }
    }

    private Optional<AccountImpl> load(AccountsFile.Entry entry) {
        AccountImpl known = open.get(entry.number());
        if (known != null) {
            return Optional.of(known);
        }
        opening.lock();
        try {
            known = open.get(entry.number());
            if (known != null) {
                return Optional.of(known);
            }
            AccountStore store = openStore(entry);
            Optional<byte[]> state = store.table(Tables.ACCOUNT).get(STATE);
            if (state.isEmpty()) {
                store.close();
                return Optional.empty();
            }
            AccountImpl account = new AccountImpl(entry, store, MAPPER.readValue(state.get(), AccountState.class));
            open.put(entry.number(), account);
            if (exclusive) {
                mirror(entry, account.state(), true);
            }
            return Optional.of(account);
        } catch (StorageException | IOException e) {
            throw new AccountUnavailableException(entry.number(), e.getMessage(), e);
        } finally {
            opening.unlock();
        }
    }

    private AccountStore openStore(AccountsFile.Entry entry) throws StorageException {
        Path folder = folder(entry);
        if (exclusive) {
            lock(entry, folder);
        }
        // keyed by folder name, not UUID: the UUID changes when the server assigns one
        return backend.open(folder, entry.path());
    }

    private void lock(AccountsFile.Entry entry, Path folder) throws StorageException {
        try {
            PrivateFiles.folder(folder);
            FileChannel channel = FileChannel.open(PrivateFiles.file(folder.resolve("signalbox.lock")),
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StorageException("Account " + entry.number()
                        + " is in use by another Signalbox process; stop it or send your requests to it");
            }
            locks.put(entry.number(), channel);
        } catch (IOException e) {
            throw new StorageException("Cannot lock account " + entry.number() + ": " + e.getMessage(), e);
        }
    }

    private void unlock(AccountsFile.Entry entry) throws IOException {
        FileChannel channel = locks.remove(entry.number());
        if (channel != null) {
            channel.close();
        }
    }

    private Path folder(AccountsFile.Entry entry) {
        return dataDirectory.resolve(entry.path() + ".d");
    }

    /**
     * Brings {@code data/<path>} up to date; a failure is logged, not thrown: the mirror is for other programs,
     * and the account itself is safe in its folder.
     */
    private void mirror(AccountsFile.Entry entry, AccountState state, boolean onlyIfMissing) {
        try {
            if (onlyIfMissing) {
                mirror.writeIfMissing(entry, state);
            } else {
                mirror.write(entry, state);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot write the signal-cli mirror of " + entry.number() + " ("
                    + dataDirectory.resolve(entry.path()) + "): " + e.getMessage());
        }
    }

    private static void writeState(AccountStore store, AccountState state) throws StorageException {
        try {
            store.table(Tables.ACCOUNT).put(STATE, MAPPER.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new StorageException("Cannot encode account state: " + e.getMessage(), e);
        }
    }

    private String freePath(List<AccountsFile.Entry> entries) {
        while (true) {
            String path = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
            if (entries.stream().noneMatch(e -> e.path().equals(path)) && !Files.exists(dataDirectory.resolve(path))
                    && !Files.exists(dataDirectory.resolve(path + ".d"))) {
                return path;
            }
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Deactivate
    public void close() {
        for (AccountImpl a : open.values()) {
            try {
                a.store().close();
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing " + a.number() + ": " + e.getMessage());
            }
        }
        open.clear();
        for (FileChannel c : locks.values()) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Releasing a lock: " + e.getMessage());
            }
        }
        locks.clear();
    }
}
