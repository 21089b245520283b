package org.signalbox.core.messaging.internal.network;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.signal.libsignal.metadata.certificate.InvalidCertificateException;
import org.signal.libsignal.metadata.certificate.SenderCertificate;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signalbox.server.protocol.Ack;
import org.signalbox.server.protocol.Address;
import org.signalbox.server.protocol.ClaimNumber;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.server.protocol.Lookup;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.OutboundMessage;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.Register;
import org.signalbox.server.protocol.RequestPreKeys;
import org.signalbox.server.protocol.Relays;
import org.signalbox.server.protocol.RequestRelays;
import org.signalbox.server.protocol.RequestSenderCertificate;
import org.signalbox.server.protocol.SetRegistrationLock;
import org.signalbox.server.protocol.Unregister;

import com.google.protobuf.ByteString;

/**
 * One account's two connections to its messaging server: the authenticated one (registration, sender
 * certificates, and the messages pushed to this device) and the anonymous one (directory, prekeys, sending), so
 * the server cannot tie what this account sends to who it is. Both are opened on demand and reopened after a
 * loss; {@link #keepReceiving()} keeps the authenticated one up, with capped exponential backoff.
 */
public final class Link implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("Network");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** A certificate is renewed this long before it expires, so a send never carries a stale one. */
    private static final long CERTIFICATE_MARGIN_MILLIS = Duration.ofMinutes(10).toMillis();

    /** What the account does with what the server pushes. */
    public interface Pushes {
        /**
         * Stores a message durably; the server is acked only after this returns.
         *
         * @throws Exception if it could not be stored: the message stays on the server and comes again
         */
        void inbound(byte[] sealed, long serverTimestamp) throws Exception;

        /** The server's stock of this device's one-time keys is low. */
        void preKeysLow(int requested);
    }

    private final HttpClient http;
    private final Supplier<URI> where;
    private final IdentityKeyPair identity;
    private final int device;
    private final Pushes pushes;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    private volatile ServerConnection authenticated;
    private volatile ServerConnection anonymous;
    private SenderCertificate certificate;
    private byte[] certificateRoot;
    private volatile boolean closed;
    private Thread keeper;

    /** @param where the server's address, asked again at each connection (the embedded server can move) */
    public Link(HttpClient http, Supplier<URI> where, IdentityKeyPair identity, int device, Pushes pushes) {
        this.http = http;
        this.where = where;
        this.identity = identity;
        this.device = device;
        this.pushes = pushes;
    }

    public URI uri() {
        return where.get();
    }

    /**
     * Keeps the authenticated connection open until {@link #close()}, so pushed messages arrive.
     *
     * @return whether this call started it (false: it was kept already, or the link is closed)
     */
    public synchronized boolean keepReceiving() {
        if (keeper != null || closed) {
            return false;
        }
        keeper = Thread.ofVirtual().name("link-" + device).start(this::keep);
        return true;
    }

    private void keep() {
        while (!closed) {
            try {
                ServerConnection c = authenticated();
                backoff.reset();
                c.closed().join();
                if (!closed) {
                    LOG.log(System.Logger.Level.INFO, "Lost the messaging server at " + uri() + "; reconnecting");
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
            try {
                Thread.sleep(backoff.next());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The authenticated connection, connecting and signing in if needed. */
    synchronized ServerConnection authenticated() throws IOException {
        if (closed) {
            throw new IOException("The link to " + uri() + " is closed");
        }
        if (authenticated == null || authenticated.closed().isDone()) {
            // pushes start right after the login ack, before this method returns
            CompletableFuture<ServerConnection> self = new CompletableFuture<>();
            URI uri = uri();
            ServerConnection c = ServerConnection.open(http, uri, TIMEOUT, m -> pushed(self.join(), m));
            self.complete(c);
            try {
                answer(c.login(identity, device));
            } catch (IOException e) {
                c.close();
                throw new IOException("Login at " + uri + " failed: " + e.getMessage(), e);
            }
            authenticated = c;
        }
        return authenticated;
    }

    private synchronized ServerConnection anonymous() throws IOException {
        if (closed) {
            throw new IOException("The link to " + uri() + " is closed");
        }
        if (anonymous == null || anonymous.closed().isDone()) {
            anonymous = ServerConnection.open(http, uri(), TIMEOUT, m -> { });
        }
        return anonymous;
    }

    private void pushed(ServerConnection c, Message m) {
        if (m.hasPreKeysLow()) {
            int requested = m.getPreKeysLow().getKeysRequested();
            Thread.ofVirtual().start(() -> pushes.preKeysLow(requested));
            return;
        }
        try {
            pushes.inbound(m.getInboundMessage().toByteArray(), m.getServerTimestamp());
        } catch (Exception e) {
            // not acked: the server redelivers it on the next connection
            LOG.log(System.Logger.Level.ERROR, "Could not store a received message; it stays on the server", e);
            c.close();
            return;
        }
        c.send(Message.newBuilder().setSequence(m.getSequence()).setAck(Ack.getDefaultInstance()));
    }

    /** Sets the registration lock PIN of the account's number; empty removes it. */
    public void setRegistrationLock(String pin) throws IOException {
        answer(authenticated().request(Message.newBuilder().setSetRegistrationLock(SetRegistrationLock.newBuilder()
                .setPin(pin))));
    }

    /** Publishes this device's keys (replacing or appending, as the server's rules say). */
    public void register(Register keys) throws IOException {
        answer(authenticated().request(Message.newBuilder().setRegister(keys)));
    }

    /** Deletes this device's registration and one-time keys on the server: nobody can start a session with it. */
    public void unregister() throws IOException {
        answer(authenticated().request(Message.newBuilder().setUnregister(Unregister.getDefaultInstance())));
    }

    /**
     * Binds the account's number to its identity; the answer carries the UUID the server assigned. A number
     * another identity holds needs its registration lock {@code pin} (empty: none given).
     */
    public DirectoryEntry claimNumber(String number, String token, String pin) throws IOException {
        ClaimNumber.Builder claim = ClaimNumber.newBuilder().setNumber(number).setRegistrationLock(pin);
        if (token != null) {
            claim.setRegistrationToken(token);
        }
        Message m = answer(authenticated().request(Message.newBuilder().setClaimNumber(claim)));
        if (!m.hasDirectoryEntry()) {
            throw new IOException("The server answered claimNumber with " + m.getPayloadCase());
        }
        return m.getDirectoryEntry();
    }

    /**
     * A sender certificate valid for a while yet, and the trust root the server says signs it. The caller
     * checks that root against the one the account pinned.
     */
    public synchronized Certified senderCertificate() throws IOException {
        if (certificate == null || certificate.getExpiration() - CERTIFICATE_MARGIN_MILLIS < System.currentTimeMillis()) {
            Message m = answer(authenticated().request(Message.newBuilder()
                    .setRequestSenderCertificate(RequestSenderCertificate.getDefaultInstance())));
            if (!m.hasSenderCertificate()) {
                throw new IOException("The server answered the certificate request with " + m.getPayloadCase());
            }
            try {
                certificate = new SenderCertificate(m.getSenderCertificate().getCertificate().toByteArray());
                certificateRoot = m.getSenderCertificate().getTrustRoot().toByteArray();
            } catch (InvalidCertificateException e) {
                throw new IOException("The server sent an unusable sender certificate: " + e.getMessage(), e);
            }
        }
        return new Certified(certificate, certificateRoot.clone());
    }

    /** The relays (TURN servers) the server hands this account, with fresh credentials; no urls: none. */
    public Relays relays() throws IOException {
        Message m = answer(authenticated().request(Message.newBuilder()
                .setRequestRelays(RequestRelays.getDefaultInstance())));
        if (!m.hasRelays()) {
            throw new IOException("The server answered the relay request with " + m.getPayloadCase());
        }
        return m.getRelays();
    }

    /** A sender certificate with the trust root the server named for it. */
    public record Certified(SenderCertificate certificate, byte[] trustRoot) {

        public ECPublicKey root() throws IOException {
            try {
                return new ECPublicKey(trustRoot);
            } catch (InvalidKeyException e) {
                throw new IOException("The server's trust root is not a key: " + e.getMessage(), e);
            }
        }

        public boolean rootIs(byte[] pinned) {
            return Arrays.equals(trustRoot, pinned);
        }
    }

    /** The directory entry for a number or UUID. */
    public DirectoryEntry lookup(String number, String uuid) throws IOException {
        Lookup.Builder l = Lookup.newBuilder();
        if (uuid != null) {
            l.setUuid(uuid);
        } else {
            l.setNumber(number);
        }
        Message m = answer(anonymous().request(Message.newBuilder().setLookup(l)));
        if (!m.hasDirectoryEntry()) {
            throw new IOException("The server answered lookup with " + m.getPayloadCase());
        }
        return m.getDirectoryEntry();
    }

    /** Prekeys of every registered device of {@code userID}. */
    public List<PreKey> preKeys(ByteString userID) throws IOException {
        Message m = answer(anonymous().request(Message.newBuilder().setRequestPreKeys(
                RequestPreKeys.newBuilder().setUserID(userID).setListReply(true))));
        if (m.hasPreKeys()) {
            return new ArrayList<>(m.getPreKeys().getDevicesList());
        }
        if (m.hasPreKey()) {
            return List.of(m.getPreKey()); // a seed server's single answer
        }
        throw new IOException("The server answered the prekey request with " + m.getPayloadCase());
    }

    /** Hands a sealed message to the server; returns once the server has stored it durably. */
    public CompletableFuture<Message> deliver(ByteString userID, int toDevice, byte[] sealed) throws IOException {
        return anonymous().request(Message.newBuilder().setOutboundMessage(OutboundMessage.newBuilder()
                .setTo(Address.newBuilder().setUserID(userID).setDeviceID(toDevice))
                .setUnidentifiedSenderMessage(ByteString.copyFrom(sealed))));
    }

    /** Waits for an answer; a protocol {@code Error} becomes {@link ServerError}. */
    public static Message answer(CompletableFuture<Message> pending) throws IOException {
        Message m;
        try {
            m = pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            pending.cancel(false);
            throw new IOException("The messaging server did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the messaging server");
        }
        if (m.hasError()) {
            throw new ServerError(m.getError().getName(), m.getError().getDescription());
        }
        return m;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (keeper != null) {
            keeper.interrupt();
        }
        if (authenticated != null) {
            authenticated.close();
        }
        if (anonymous != null) {
            anonymous.close();
        }
    }
}
