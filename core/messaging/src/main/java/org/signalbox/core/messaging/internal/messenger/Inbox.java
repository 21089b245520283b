package org.signalbox.core.messaging.internal.messenger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.signal.libsignal.metadata.InvalidMetadataMessageException;
import org.signal.libsignal.metadata.InvalidMetadataVersionException;
import org.signal.libsignal.metadata.ProtocolDuplicateMessageException;
import org.signal.libsignal.metadata.ProtocolException;
import org.signal.libsignal.metadata.ProtocolUntrustedIdentityException;
import org.signal.libsignal.metadata.SealedSessionCipher;
import org.signal.libsignal.metadata.SelfSendException;
import org.signal.libsignal.metadata.certificate.CertificateValidator;
import org.signal.libsignal.metadata.protocol.UnidentifiedSenderMessageContent;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signalbox.api.account.Account;
import org.signalbox.api.model.Envelope;
import org.signalbox.api.model.ReceivePayload;
import org.signalbox.api.network.Sender;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.crypto.ProtocolStore;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.AddressBook;
import org.signalbox.core.messaging.internal.data.ContactRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Opens what the server pushes: unseals it against the pinned trust root, decrypts it, and stores the envelope
 * for the account's clients, all in one transaction with the session state the decryption changed. Only then is
 * the server acked, so a crash at any point loses nothing: the server sends it again, and libsignal refuses the
 * second copy as a duplicate.
 */
final class Inbox {

    private static final System.Logger LOG = System.getLogger("Receive");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Sealed messages from a changed identity, kept to be opened again once the user trusts it. */
    static final String UNTRUSTED_QUEUE = "untrusted";
    /** Message ids already stored: a sender's retry of an acked message is not shown twice. */
    static final String SEEN_TABLE = "seen";

    private final Account account;
    private final AccountStore store;
    private final ProtocolStore keys;
    private final SealedSessionCipher cipher;
    private final CertificateValidator validator;
    private final AddressBook addresses;
    private final GroupSync groups;
    private final Attachments attachments;
    private final ContentListeners listeners;
    private final Receipts receipts;

    Inbox(Account account, ProtocolStore keys, ECPublicKey trustRoot, GroupSync groups, Attachments attachments,
            ContentListeners listeners, Receipts receipts) {
        this.receipts = receipts;
        this.attachments = attachments;
        this.listeners = listeners;
        this.account = account;
        this.store = account.store();
        this.keys = keys;
        this.cipher = new SealedSessionCipher(keys, account.uuid(), account.number(), account.deviceId());
        this.validator = new CertificateValidator(trustRoot);
        this.addresses = new AddressBook(store);
        this.groups = groups;
    }

    /**
     * Decrypts and stores; returns whether something new is waiting for the clients. Content that listeners
     * want is added to {@code heard}, to hand them once the transaction committed.
     */
    boolean inbound(byte[] sealed, long serverTimestamp, List<ContentListeners.Opened> heard)
            throws StorageException {
        List<ContentListeners.Opened> opened = new ArrayList<>();
        boolean stored = store.transaction(() -> open(sealed, serverTimestamp, opened));
        heard.addAll(opened);
        return stored;
    }

    private boolean open(byte[] sealed, long serverTimestamp, List<ContentListeners.Opened> heard)
            throws StorageException {
        long now = System.currentTimeMillis();
        try {
            SealedSessionCipher.DecryptionResult r = cipher.decrypt(validator, sealed, now);
            String uuid = r.getSenderUuid();
            Optional<String> number = r.getSenderE164();
            if (number.isPresent()) {
                addresses.learn(uuid, number.get());
            }
            Wire.Content content = Wire.Content.parseFrom(Padding.strip(r.getPaddedMessage()));
            if (!firstTime(uuid, content)) {
                return false;
            }
            Envelopes.Source source = source(uuid, number.orElse(null), r.getDeviceId(), serverTimestamp, now);
            if (content.hasDataMessage() && content.getDataMessage().hasGroup()
                    && !groups.received(source, content.getDataMessage().getGroup())) {
                return false; // a join request: what it changes reaches the clients as the group's update
            }
            if (content.getDataMessage().getEndSession()) {
                keys.deleteAllSessions(uuid); // in this transaction: the reset and the envelope stand or fall together
            }
            boolean stored = store(new ReceivePayload(Envelopes.of(source, content,
                    d -> attachments.save(uuid, d)), account.number(), null));
            receipts.owe(uuid, content);
            if (listeners.wanted(content)) {
                heard.add(new ContentListeners.Opened(sender(uuid, number.orElse(null), r.getDeviceId()), content,
                        serverTimestamp, now));
            }
            return stored;
        } catch (ProtocolDuplicateMessageException e) {
            // stored the first time, before its ack was lost; said, because a sender reusing a message key would
            // lose messages here without a trace
            LOG.log(System.Logger.Level.INFO, "Dropped a message from " + e.getSender() + " decrypted before: "
                    + e.getMessage());
            return false;
        } catch (ProtocolUntrustedIdentityException e) {
            keepUntilTrusted(e, sealed, serverTimestamp);
            return failed(e, serverTimestamp, now, "UntrustedIdentityException");
        } catch (ProtocolException e) {
            return failed(e, serverTimestamp, now, e.getCause() != null
                    ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Dropped an undecodable message: " + e.getMessage());
            return false;
        } catch (java.io.IOException e) {
            // rolls the transaction back: the message stays on the server and comes again
            throw new StorageException("Cannot write a received attachment: " + e.getMessage(), e);
        } catch (InvalidMetadataMessageException | InvalidMetadataVersionException e) {
            // no valid sender certificate: nobody to report it from
            LOG.log(System.Logger.Level.WARNING, "Dropped a message with invalid sealed-sender metadata: "
                    + e.getMessage());
            return false;
        } catch (SelfSendException e) {
            return false;
        }
    }

    /** The sender as listeners see it, with the identity key the session was just verified against. */
    private Sender sender(String uuid, String number, int device) throws StorageException {
        IdentityKey identity = keys.getIdentity(new SignalProtocolAddress(uuid, device));
        if (identity == null) {
            throw new StorageException("No identity stored for " + uuid + "." + device + " after decrypting from it");
        }
        return new Sender(UUID.fromString(uuid), number != null ? number : addresses.number(uuid).orElse(null),
                device, identity.getPublicKey().getPublicKeyBytes());
    }

    private boolean firstTime(String uuid, Wire.Content c) throws StorageException {
        long id = c.hasDataMessage() ? c.getDataMessage().getTimestamp()
                : c.hasEditMessage() ? c.getEditMessage().getDataMessage().getTimestamp() : 0;
        if (id == 0) {
            return true;
        }
        String key = uuid + ":" + id;
        if (store.table(SEEN_TABLE).get(key).isPresent()) {
            LOG.log(System.Logger.Level.INFO, "Dropped a message from " + uuid + " seen before (timestamp " + id + ")");
            return false;
        }
        store.table(SEEN_TABLE).put(key, ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array());
        return true;
    }

    private void keepUntilTrusted(ProtocolException e, byte[] sealed, long serverTimestamp) throws StorageException {
        Optional<UnidentifiedSenderMessageContent> inner = e.getUnidentifiedSenderMessageContent();
        if (inner.isPresent()) {
            Optional<String> number = inner.get().getSenderCertificate().getSenderE164();
            if (number.isPresent()) {
                addresses.learn(e.getSender(), number.get());
            }
            IdentityKey key = new IdentityKey(inner.get().getSenderCertificate().getKey());
            keys.saveIdentity(new SignalProtocolAddress(e.getSender(), e.getSenderDevice()), key);
        }
        store.queue(UNTRUSTED_QUEUE).append(ByteBuffer.allocate(8 + sealed.length).putLong(serverTimestamp)
                .put(sealed).array());
    }

    /** Opens again what was kept from identities that are trusted now; returns whether any was stored. */
    boolean retryUntrusted(List<ContentListeners.Opened> heard) throws StorageException {
        MessageQueue kept = store.queue(UNTRUSTED_QUEUE);
        boolean any = false;
        for (var m : kept.pending(Integer.MAX_VALUE)) {
            ByteBuffer b = ByteBuffer.wrap(m.payload());
            long serverTimestamp = b.getLong();
            byte[] sealed = new byte[b.remaining()];
            b.get(sealed);
            List<ContentListeners.Opened> opened = new ArrayList<>();
            any |= store.transaction(() -> {
                kept.acknowledge(m.sequence());
                return open(sealed, serverTimestamp, opened); // still untrusted: appended to the queue again
            });
            heard.addAll(opened);
        }
        return any;
    }

    private boolean failed(ProtocolException e, long serverTimestamp, long now, String type)
            throws StorageException {
        LOG.log(System.Logger.Level.INFO, "Could not decrypt a message from " + e.getSender() + ": " + type);
        Envelopes.Source source = source(e.getSender(), null, e.getSenderDevice(), serverTimestamp, now);
        return store(new ReceivePayload(Envelopes.empty(source, serverTimestamp), account.number(),
                new ReceivePayload.ReceiveFailure(String.valueOf(e.getMessage()), type)));
    }

    private Envelopes.Source source(String uuid, String number, int device, long serverTimestamp, long now)
            throws StorageException {
        String known = number != null ? number : addresses.number(uuid).orElse(null);
        String name = null;
        try {
            name = AccountData.of(account).contact(new Recipient(known, known == null ? uuid : null, null))
                    .map(ContactRecord::name).orElse(null);
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.DEBUG, "No contact name for " + uuid + ": " + e.getMessage());
        }
        return new Envelopes.Source(known, uuid, name, device, serverTimestamp, now);
    }

    private boolean store(ReceivePayload payload) throws StorageException {
        try {
            store.messages().append(MAPPER.writeValueAsBytes(payload));
            return true;
        } catch (JsonProcessingException e) {
            throw new StorageException("Cannot encode an envelope: " + e.getMessage(), e);
        }
    }
}
