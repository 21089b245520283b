package org.signalbox.server.service.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.network.TurnRest;
import org.signalbox.api.storage.MessageQueue;
import org.signalbox.api.storage.StorageException;
import org.signalbox.server.protocol.Ack;
import org.signalbox.server.protocol.Address;
import org.signalbox.server.protocol.AuthChallenge;
import org.signalbox.server.protocol.AuthResponse;
import org.signalbox.server.protocol.ClaimNumber;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.server.protocol.Error;
import org.signalbox.server.protocol.Login;
import org.signalbox.server.protocol.Lookup;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.OutboundMessage;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.PreKeys;
import org.signalbox.server.protocol.PreKeysLow;
import org.signalbox.server.protocol.Relays;
import org.signalbox.server.protocol.RequestPreKeys;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * One WebSocket connection: anonymous until a valid AuthResponse binds it to a device address, then it also
 * receives that device's queue and PreKeysLow checks. Frames are handled one at a time in arrival order; queued
 * messages go out from a virtual thread, at most a window of them unacknowledged. Public only because Jetty
 * calls the listener methods through method handles.
 */
public final class ClientSession implements Session.Listener.AutoDemanding, Mailboxes.Subscriber {

    private static final System.Logger LOG = System.getLogger("Server");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final ServerContext server;
    private final AtomicInteger nextSequence = new AtomicInteger(1);
    private final Object sendLock = new Object();
    /** Server sequence of an inboundMessage → its queue entry and size. */
    private final Map<Integer, long[]> inFlight = new ConcurrentHashMap<>();
    /** Frames handed to Jetty and not yet written; a full window stops reading from this connection. */
    private Semaphore unwritten;
    /** What this connection may still queue anonymously now (a token bucket refilled per second). */
    private double credit;
    private long refilled = System.nanoTime();
    private final Semaphore wakeUp = new Semaphore(0);
    private Session session;
    /** The challenge; null once an AuthResponse was checked against it (a nonce is good for one try). */
    private byte[] nonce;
    private volatile Address login;
    private volatile boolean closed;
    private Thread deliverer;
    private ScheduledFuture<?> preKeyCheck;

    ClientSession(ServerContext server) {
        this.server = server;
        this.unwritten = new Semaphore(server.settings().limits().pendingFrames());
        this.credit = server.settings().limits().anonymousBurstBytes();
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        server.connections().add(this);
        nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        send(Message.newBuilder().setSequence(nextSequence.getAndIncrement())
                .setAuthChallenge(AuthChallenge.newBuilder().setNonce(ByteString.copyFrom(nonce))));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        Message request;
        try {
            request = Message.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            sendError(0, ProtocolException.INVALID_REQUEST, "frame is not a Message: " + e.getMessage());
            return;
        } finally {
            callback.succeed();
        }
        try {
            handle(request);
        } catch (ProtocolException e) {
            sendError(request.getSequence(), e.name, e.getMessage());
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.ERROR, "Storage failure: " + e.getMessage(), e);
            sendError(request.getSequence(), ProtocolException.UNKNOWN_ERROR, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure handling " + request.getPayloadCase(), e);
            sendError(request.getSequence(), ProtocolException.UNKNOWN_ERROR, String.valueOf(e));
        }
    }

    @Override
    public void onWebSocketText(String text) {
        sendError(0, ProtocolException.INVALID_REQUEST, "only binary frames carry Messages");
    }

    private void handle(Message m) throws ProtocolException, StorageException, InterruptedException {
        int seq = m.getSequence();
        switch (m.getPayloadCase()) {
            case ACK -> acknowledged(seq);
            case AUTHRESPONSE -> authenticate(seq, m.getAuthResponse());
            case REGISTER -> {
                server.preKeys().register(authenticated(), m.getRegister());
                ack(seq);
            }
            case UNREGISTER -> {
                server.preKeys().unregister(authenticated());
                ack(seq);
            }
            case REQUESTPREKEYS -> preKeys(seq, m.getRequestPreKeys());
            case OUTBOUNDMESSAGE -> outbound(seq, m.getOutboundMessage());
            case REQUESTSENDERCERTIFICATE -> {
                Address self = authenticated();
                Optional<DirectoryEntry> entry = server.directory().byUser(self.getUserID());
                send(Message.newBuilder().setSequence(seq).setSenderCertificate(server.authority().issue(
                        uuid(self, entry), entry.map(DirectoryEntry::getNumber), self.getDeviceID(),
                        identity(self.getUserID()))));
            }
            case REQUESTRELAYS -> relays(seq);
            case LOOKUP -> lookup(seq, m.getLookup());
            case CLAIMNUMBER -> claim(seq, m.getClaimNumber());
            case SETREGISTRATIONLOCK -> setLock(seq, m.getSetRegistrationLock().getPin());
            case PAYLOAD_NOT_SET -> throw new ProtocolException(ProtocolException.INVALID_REQUEST,
                    "no payload this server knows");
            default -> throw new ProtocolException(ProtocolException.INVALID_REQUEST,
                    m.getPayloadCase() + " is sent by servers, not clients");
        }
    }

    private void authenticate(int seq, AuthResponse response) throws ProtocolException, StorageException {
        if (login != null) {
            throw new ProtocolException(ProtocolException.ANONYMOUS_OP_ON_AUTHENTICATED, "already authenticated");
        }
        byte[] expected = nonce;
        nonce = null;
        try {
            if (expected == null) {
                throw new ProtocolException(ProtocolException.UNAUTHORIZED, "this connection's challenge was used");
            }
            Login l;
            try {
                l = Login.parseFrom(response.getLogin());
            } catch (InvalidProtocolBufferException e) {
                throw new ProtocolException(ProtocolException.UNKNOWN_ERROR, "login does not decode: " + e.getMessage());
            }
            if (!l.hasAddress()) {
                throw new ProtocolException(ProtocolException.UNAUTHORIZED, "login has no address");
            }
            UserIds.check(l.getAddress());
            if (!MessageDigest.isEqual(expected, l.getNonce().toByteArray())) {
                throw new ProtocolException(ProtocolException.UNAUTHORIZED, "nonce does not match the challenge");
            }
            if (!identity(l.getAddress().getUserID()).getPublicKey()
                    .verifySignature(response.getLogin().toByteArray(), response.getSignature().toByteArray())) {
                throw new ProtocolException(ProtocolException.UNAUTHORIZED, "signature does not verify");
            }
            login = l.getAddress();
        } catch (ProtocolException e) {
            // a failed login ends the connection (the seed only marks it closed)
            sendError(seq, e.name, e.getMessage());
            close(StatusCode.POLICY_VIOLATION, "authentication failed");
            return;
        }
        ack(seq);
        String queue = UserIds.queue(login);
        server.mailboxes().subscribe(queue, this);
        deliverer = Thread.ofVirtual().name("signalbox-deliver-" + queue).start(() -> deliver(queue));
        long every = server.settings().preKeysCheck().toMillis();
        preKeyCheck = server.scheduler().scheduleWithFixedDelay(this::checkPreKeys, 0, every, TimeUnit.MILLISECONDS);
    }

    private void preKeys(int seq, RequestPreKeys r) throws ProtocolException, StorageException {
        anonymous();
        UserIds.check(r.getUserID());
        if (!server.preKeySources().take(source())) {
            throw new ProtocolException(ProtocolException.RATE_LIMITED, "too many prekey requests from "
                    + source() + "; try again in a minute");
        }
        // beyond its share a target's bundles carry the signed prekey alone, so its one-time keys cannot be
        // drained while sending to it keeps working
        boolean oneTime = server.oneTimeKeys().take(UserIds.hex(r.getUserID()));
        List<PreKey> keys = server.preKeys().take(r.getUserID(), new HashSet<>(r.getKnownDeviceIDsList()), oneTime);
        if (keys.isEmpty()) {
            throw new ProtocolException(ProtocolException.UNKNOWN_USER);
        }
        if (r.getListReply()) {
            send(Message.newBuilder().setSequence(seq).setPreKeys(PreKeys.newBuilder().addAllDevices(keys)));
        } else {
            keys.forEach(k -> send(Message.newBuilder().setSequence(seq).setPreKey(k)));
        }
    }

    private void outbound(int seq, OutboundMessage o) throws ProtocolException, InterruptedException,
            StorageException {
        anonymous();
        if (!o.hasTo()) {
            throw new ProtocolException(ProtocolException.INVALID_REQUEST, "outboundMessage needs 'to'");
        }
        UserIds.check(o.getTo());
        if (o.getUnidentifiedSenderMessage().isEmpty()) {
            throw new ProtocolException(ProtocolException.INVALID_REQUEST, "unidentifiedSenderMessage is empty");
        }
        if (!server.preKeys().registered(o.getTo())) {
            throw new ProtocolException(ProtocolException.UNKNOWN_USER, "no such device");
        }
        byte[] payload = o.getUnidentifiedSenderMessage().toByteArray();
        if (!spend(payload.length)) {
            throw new ProtocolException(ProtocolException.RATE_LIMITED, "this connection queues more than "
                    + server.settings().limits().anonymousBytesPerSecond() + " bytes per second");
        }
        String queue = UserIds.queue(o.getTo());
        String full = server.quotas().reserve(queue, payload.length);
        if (full != null) {
            throw new ProtocolException(ProtocolException.QUOTA_EXCEEDED, full);
        }
        server.mailboxes().submit(new Mailboxes.Append(queue, payload, failure -> {
            if (failure == null) {
                ack(seq);
            } else {
                server.quotas().release(queue, payload.length);
                sendError(seq, ProtocolException.UNKNOWN_ERROR, failure.getMessage());
            }
        }));
    }

    /** Takes {@code bytes} from this connection's anonymous allowance, refilled continuously up to the burst. */
    private boolean spend(int bytes) {
        Limits limits = server.settings().limits();
        long now = System.nanoTime();
        credit = Math.min(limits.anonymousBurstBytes(), credit + (now - refilled) / 1e9
                * limits.anonymousBytesPerSecond());
        refilled = now;
        if (credit < bytes) {
            return false;
        }
        credit -= bytes;
        return true;
    }

    private String source() {
        return session.getRemoteSocketAddress() instanceof java.net.InetSocketAddress i && i.getAddress() != null
                ? i.getAddress().getHostAddress() : String.valueOf(session.getRemoteSocketAddress());
    }

    private void lookup(int seq, Lookup l) throws ProtocolException, StorageException {
        Optional<DirectoryEntry> entry = switch (l.getKeyCase()) {
            case NUMBER -> server.directory().byNumber(l.getNumber());
            case UUID -> server.directory().byUuid(l.getUuid());
            case KEY_NOT_SET -> throw new ProtocolException(ProtocolException.INVALID_REQUEST,
                    "lookup needs a number or a uuid");
        };
        send(Message.newBuilder().setSequence(seq).setDirectoryEntry(
                entry.orElseThrow(() -> new ProtocolException(ProtocolException.UNKNOWN_USER))));
    }

    /** The account's UUID: its directory entry's, else the one derived from its user id. */
    private static String uuid(Address self, Optional<DirectoryEntry> entry) {
        return entry.map(DirectoryEntry::getUuid).orElseGet(() -> Directory.derivedUuid(self.getUserID()).toString());
    }

    /** TURN REST API credentials named for the asking account, so a TURN server's log says whose relay it was. */
    private void relays(int seq) throws ProtocolException, StorageException {
        Address self = authenticated();
        Settings.Relays r = server.settings().relays();
        Relays.Builder out = Relays.newBuilder();
        if (!r.uris().isEmpty()) {
            IceServer s = TurnRest.issue(r.secret(), uuid(self, server.directory().byUser(self.getUserID())),
                    Instant.now().getEpochSecond(), r.lifetime().toSeconds(), r.uris());
            out.addAllUrls(s.urls()).setUsername(s.username()).setPassword(s.password())
                    .setTtlSeconds((int) Math.min(Integer.MAX_VALUE, r.lifetime().toSeconds()));
        }
        send(Message.newBuilder().setSequence(seq).setRelays(out));
    }

    private void claim(int seq, ClaimNumber c) throws ProtocolException, StorageException {
        Address self = authenticated();
        if (!E164.matcher(c.getNumber()).matches()) {
            throw new ProtocolException(ProtocolException.INVALID_REQUEST,
                    "number must be in E.164 form, like +15550001111");
        }
        String token = server.settings().registrationToken();
        if (!token.isEmpty() && !MessageDigest.isEqual(token.getBytes(UTF_8),
                c.getRegistrationToken().getBytes(UTF_8))) {
            throw new ProtocolException(ProtocolException.REGISTRATION_TOKEN_REQUIRED,
                    c.getRegistrationToken().isEmpty() ? "this server requires a registration token"
                            : "wrong registration token");
        }
        Optional<DirectoryEntry> owner = server.directory().byNumber(c.getNumber());
        if (owner.isPresent() && !owner.get().getUserID().equals(self.getUserID())) {
            movable(c.getNumber(), c.getRegistrationLock());
        }
        send(Message.newBuilder().setSequence(seq)
                .setDirectoryEntry(server.directory().claim(c.getNumber(), self.getUserID())));
    }

    /**
     * A number another identity holds moves only with proof: the login already proves the owner, so a new
     * identity must bring the registration lock PIN the owner set. Without a lock the number stays where it is.
     */
    private void movable(String number, String pin) throws ProtocolException, StorageException {
        switch (server.locks().check(number, pin)) {
            case OPENS -> {
            }
            case NO_LOCK -> throw new ProtocolException(ProtocolException.REGISTRATION_LOCKED, number
                    + " is registered by another identity and has no registration lock PIN, so it cannot move");
            case TOO_MANY_ATTEMPTS -> throw new ProtocolException(ProtocolException.RATE_LIMITED,
                    "too many wrong registration lock PINs for " + number + "; try again later");
            case WRONG -> throw new ProtocolException(ProtocolException.REGISTRATION_LOCKED, (pin.isEmpty()
                    ? number + " is registered with a registration lock PIN"
                    : "wrong registration lock PIN") + " (" + server.locks().attemptsLeft(number) + " tries left)");
        }
    }

    private void setLock(int seq, String pin) throws ProtocolException, StorageException {
        Address self = authenticated();
        DirectoryEntry entry = server.directory().byUser(self.getUserID()).orElseThrow(() -> new ProtocolException(
                ProtocolException.UNKNOWN_USER, "this identity has claimed no number to lock"));
        server.locks().set(entry.getNumber(), pin);
        ack(seq);
    }

    private void acknowledged(int seq) throws InterruptedException {
        long[] entry = inFlight.remove(seq);
        if (entry == null) {
            return; // the seed ignores acks it cannot match (and acks of PreKeysLow)
        }
        String queue = UserIds.queue(login);
        server.mailboxes().submit(new Mailboxes.Remove(queue, entry[0], () -> server.quotas().release(queue,
                (int) entry[1])));
        wakeUp.release();
    }

    /** Sends the queue's entries in order, keeping at most a window of them unacknowledged. */
    private void deliver(String queue) {
        MessageQueue q = server.mailboxes().queue(queue);
        int window = server.settings().deliveryWindow();
        long after = 0;
        try {
            while (!closed) {
                int room = window - inFlight.size();
                List<MessageQueue.QueuedMessage> batch = room > 0 ? q.pendingAfter(after, room) : List.of();
                for (MessageQueue.QueuedMessage m : batch) {
                    int seq = nextSequence.getAndIncrement();
                    inFlight.put(seq, new long[] {m.sequence(), m.payload().length});
                    send(Message.newBuilder().setSequence(seq).setInboundMessage(ByteString.copyFrom(m.payload()))
                            .setServerTimestamp(m.storedAt()));
                    after = m.sequence();
                }
                if (batch.isEmpty()) {
                    wakeUp.acquire();
                    wakeUp.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot read queue " + queue + ": " + e.getMessage(), e);
            sendError(0, ProtocolException.UNABLE_TO_OPEN_SUBSCRIBER, e.getMessage());
            close(StatusCode.SERVER_ERROR, "queue unavailable");
        }
    }

    @Override
    public void wake() {
        wakeUp.release();
    }

    private void checkPreKeys() {
        try {
            // the shared timer must not wait for a client that does not read
            if (!closed && unwritten.availablePermits() > 0
                    && server.preKeys().shortfall(login, server.settings().preKeysLowLimit()) > 0) {
                send(Message.newBuilder().setSequence(nextSequence.getAndIncrement()).setPreKeysLow(
                        PreKeysLow.newBuilder().setKeysRequested(server.settings().preKeysRequested())));
            }
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "PreKeysLow check failed: " + e.getMessage());
        }
    }

    private Address authenticated() throws ProtocolException {
        Address a = login;
        if (a == null) {
            throw new ProtocolException(ProtocolException.UNAUTHORIZED, "this needs an authenticated connection");
        }
        return a;
    }

    private void anonymous() throws ProtocolException {
        if (login != null) {
            throw new ProtocolException(ProtocolException.ANONYMOUS_OP_ON_AUTHENTICATED);
        }
    }

    private static IdentityKey identity(ByteString userId) throws ProtocolException {
        try {
            return new IdentityKey(userId.toByteArray());
        } catch (InvalidKeyException e) {
            throw new ProtocolException(ProtocolException.INVALID_USER_ID, "not a Curve25519 key: " + e.getMessage());
        }
    }

    private void ack(int seq) {
        send(Message.newBuilder().setSequence(seq).setAck(Ack.getDefaultInstance()));
    }

    private void sendError(int seq, String name, String description) {
        send(Message.newBuilder().setSequence(seq)
                .setError(Error.newBuilder().setName(name).setDescription(description == null ? "" : description)));
    }

    /**
     * Queues a frame to the client. When it has that many frames it has not taken, this waits (and the frame
     * handler with it, so nothing more is read from the connection) until it takes some or the idle timeout ends
     * it: a client that sends without reading gets back-pressure, not buffers.
     */
    private void send(Message.Builder m) {
        byte[] bytes = m.build().toByteArray();
        try {
            if (!unwritten.tryAcquire(MessagingServer.IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                close(StatusCode.POLICY_VIOLATION, "not reading");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (sendLock) {
            if (!closed && session.isOpen()) {
                session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(unwritten::release,
                        failure -> unwritten.release()));
            } else {
                unwritten.release();
            }
        }
    }

    private void close(int status, String reason) {
        session.close(status, reason, Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        release();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "Connection error: " + cause);
        release();
    }

    /** Stops delivery; unacknowledged messages stay queued for the next connection. */
    synchronized void release() {
        if (closed) {
            return;
        }
        closed = true;
        server.connections().remove(this);
        if (login != null) {
            server.mailboxes().unsubscribe(UserIds.queue(login), this);
        }
        if (preKeyCheck != null) {
            preKeyCheck.cancel(false);
        }
        if (deliverer != null) {
            deliverer.interrupt();
        }
    }
}
