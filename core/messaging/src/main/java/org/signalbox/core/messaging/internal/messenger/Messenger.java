package org.signalbox.core.messaging.internal.messenger;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.storage.Tables;
import org.signalbox.core.messaging.internal.account.AccountImpl;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.account.KeyMaterial;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.crypto.ProtocolStore;
import org.signalbox.core.messaging.internal.data.AddressBook;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.network.Endpoint;
import org.signalbox.core.messaging.internal.network.Link;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.server.protocol.Relays;

/**
 * One account on the messaging network: registers it with the server, sends for it, and stores what arrives for
 * it. The sealed-sender trust root is pinned when the account registers and checked on every certificate and
 * every received message from then on.
 */
public final class Messenger implements AutoCloseable, Link.Pushes {

    private static final System.Logger LOG = System.getLogger("Network");
    /** The server's trust root this account pinned, 33 bytes, in {@link Tables#ACCOUNT}. */
    static final String TRUST_ROOT = "trust-root";

    private final AccountImpl account;
    private final AccountManager accounts;
    private final Endpoint endpoint;
    private final ProtocolStore keys;
    private final Link link;
    private final Delivery delivery;
    private final Attachments attachments;
    private final ContentListeners listeners;
    private final Receipts receipts;
    private final GroupSync groups;
    /** Held by the send that starts a session, so that concurrent first sends to someone start one. */
    private final ReentrantLock sessionStarts = new ReentrantLock();
    private volatile Inbox inbox;

    Messenger(AccountImpl account, AccountManager accounts, Endpoint endpoint, HttpClient http, Delivery delivery,
            Attachments attachments, ContentListeners listeners, boolean sendReadReceipts) throws StorageException {
        this.receipts = new Receipts(account.store(), sendReadReceipts);
        this.groups = new GroupSync(account);
        this.attachments = attachments;
        this.listeners = listeners;
        this.account = account;
        this.accounts = accounts;
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.keys = new ProtocolStore(account, ProtocolStore.identityOf(account.store(), AccountManager.IDENTITY),
                account.state().registrationId());
        this.link = new Link(http, endpoint::uri, keys.getIdentityKeyPair(), account.deviceId(), this);
    }

    /**
     * Publishes the account's keys, claims its number (with the operator's token if the server wants one, and
     * the number's registration lock PIN if another identity holds it), adopts the UUID the server assigned and
     * pins the server's trust root.
     */
    public void register(String token, String pin) throws IOException, StorageException {
        link.register(KeyMaterial.register(keys, account.state().registrationId(), KeyMaterial.allPreKeys(keys)));
        DirectoryEntry entry = link.claimNumber(account.number(), token, pin);
        accounts.adoptUuid(account, entry.getUuid());
        Link.Certified certified = link.senderCertificate();
        byte[] root = certified.trustRoot();
        if (endpoint.trustRoot().isPresent() && !Arrays.equals(endpoint.trustRoot().get(), root)) {
            throw new IOException("The server at " + endpoint.uri() + " signs with a trust root other than the one "
                    + "configured for it; refusing to register there");
        }
        account.store().table(Tables.ACCOUNT).put(TRUST_ROOT, root);
        inbox = null;
        LOG.log(System.Logger.Level.INFO, "Registered " + account.number() + " (" + entry.getUuid() + ") at "
                + endpoint.uri());
    }

    /** signal-cli's {@code unregister}: the server forgets this device's keys, so nobody can reach it any more. */
    public void unregister() throws IOException {
        link.unregister();
    }

    /** The registration lock PIN a new identity must show to take this number (signal-cli's setPin). */
    public void setPin(String pin) throws IOException {
        link.setRegistrationLock(pin);
    }

    /** Encrypts {@code content} for each recipient and hands it to the server. */
    public List<SendResult> send(List<Recipient> recipients, Wire.Content content) throws IOException,
            StorageException {
        Link.Certified certified = link.senderCertificate();
        byte[] pinned = pinnedRoot().orElseThrow(() -> new IOException(
                account.number() + " has not registered with the messaging server; run register and verify"));
        if (!certified.rootIs(pinned)) {
            throw new IOException("The messaging server at " + endpoint.uri() + " changed its trust root; "
                    + "not sending (was it replaced? see docs/protocol/client-network.md)");
        }
        Outbox outbox = new Outbox(link, keys, sessionStarts, account.uuid(), account.number(), account.deviceId());
        List<SendResult> results = outbox.send(recipients, content.toByteArray(), certified.certificate());
        if (content.getDataMessage().getEndSession()) {
            for (SendResult r : results) {
                if (r.type() == SendResult.Type.SUCCESS && r.uuid() != null) {
                    keys.deleteAllSessions(r.uuid());
                }
            }
        }
        return results;
    }

    /** The relays the account's server offers calls, with fresh TURN credentials; empty when it has none. */
    public List<IceServer> relays() throws IOException {
        Relays r = link.relays();
        return r.getUrlsCount() == 0 ? List.of()
                : List.of(new IceServer(r.getUrlsList(), r.getUsername(), r.getPassword()));
    }

    /** Who {@code r} is on the network: UUID and number, from the address book or else the directory. */
    public Wire.Person person(Recipient r) throws IOException, StorageException {
        AddressBook book = new AddressBook(account.store());
        if (r.uuid() != null) {
            return Wire.Person.newBuilder().setUuid(r.uuid()).setNumber(book.number(r.uuid()).orElse("")).build();
        }
        if (account.number().equals(r.number())) {
            return Wire.Person.newBuilder().setUuid(account.uuid().toString()).setNumber(r.number()).build();
        }
        Optional<String> known = book.uuid(r.number());
        if (known.isPresent()) {
            return Wire.Person.newBuilder().setUuid(known.get()).setNumber(r.number()).build();
        }
        DirectoryEntry e = link.lookup(r.number(), null);
        book.learn(e.getUuid(), e.getNumber());
        return Wire.Person.newBuilder().setUuid(e.getUuid()).setNumber(e.getNumber()).build();
    }

    /** The directory's entry for {@code r}, empty if the server knows no such user. */
    public Optional<DirectoryEntry> lookup(Recipient r) throws IOException {
        try {
            return Optional.of(link.lookup(r.number(), r.uuid()));
        } catch (org.signalbox.core.messaging.internal.network.ServerError e) {
            if (e.is("unknown_user")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Keeps the account connected, so messages arrive as they are sent. */
    public void startReceiving() {
        if (!link.keepReceiving()) {
            return; // receiving already: held-back messages were retried then, and are on every trust
        }
        try {
            trustChanged(); // trust may have been given while no daemon ran
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot reopen held-back messages: " + e.getMessage());
        }
        sendOwed(); // owed since a process ended before sending them
    }

    @Override
    public void inbound(byte[] sealed, long serverTimestamp) throws Exception {
        List<ContentListeners.Opened> heard = new ArrayList<>();
        if (inbox().inbound(sealed, serverTimestamp, heard)) {
            delivery.flush(account);
        }
        listeners.dispatch(account, heard);
        sendOwed();
    }

    /**
     * Off the receiving thread, so the server's ack and the next message do not wait: the receipts owed, and the
     * updates of groups that admitted someone by link.
     */
    private void sendOwed() {
        Thread.ofVirtual().name("owed-" + account.number()).start(() -> {
            receipts.flush((to, content) -> send(List.of(to), content));
            groups.sendOwed(this::send);
        });
    }

    @Override
    public void preKeysLow(int requested) {
        try {
            KeyMaterial.Batch made = KeyMaterial.morePreKeys(keys, Math.max(requested, 1));
            link.register(KeyMaterial.register(keys, account.state().registrationId(), made));
            LOG.log(System.Logger.Level.INFO, "Published " + made.ec().size() + " new prekeys for "
                    + account.number());
        } catch (IOException | StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "Prekey top-up for " + account.number() + " failed: "
                    + e.getMessage());
        }
    }

    /** After {@code trust}: opens what was held back from identities that are trusted now. */
    public void trustChanged() throws StorageException {
        if (pinnedRoot().isPresent()) {
            List<ContentListeners.Opened> heard = new ArrayList<>();
            if (inbox().retryUntrusted(heard)) {
                delivery.flush(account);
            }
            listeners.dispatch(account, heard);
        }
    }

    private Inbox inbox() throws StorageException {
        Inbox i = inbox;
        if (i == null) {
            byte[] root = pinnedRoot().orElseThrow(() -> new StorageException(
                    "Received a message before the account pinned its server's trust root"));
            try {
                i = new Inbox(account, keys, new ECPublicKey(root), groups, attachments, listeners,
                        receipts);
            } catch (InvalidKeyException e) {
                throw new StorageException("The pinned trust root is not a key: " + e.getMessage(), e);
            }
            inbox = i;
        }
        return i;
    }

    private Optional<byte[]> pinnedRoot() throws StorageException {
        return account.store().table(Tables.ACCOUNT).get(TRUST_ROOT);
    }

    @Override
    public void close() {
        link.close();
    }
}
