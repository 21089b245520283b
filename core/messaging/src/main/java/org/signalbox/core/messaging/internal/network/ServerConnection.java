package org.signalbox.core.messaging.internal.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.protocol.Address;
import org.signalbox.server.protocol.AuthResponse;
import org.signalbox.server.protocol.Login;
import org.signalbox.server.protocol.Message;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * One WebSocket to the messaging server (JDK client). Requests get their own sequence numbers and their answers
 * are matched by sequence; everything the server starts itself (inboundMessage, preKeysLow) goes to
 * {@code pushes}. Reconnecting is the owner's business: {@link #closed()} completes when the socket is gone.
 */
final class ServerConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("Network");
    static final Duration PING_EVERY = Duration.ofSeconds(30);

    private final AtomicInteger nextSequence = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<byte[]> challenge = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Consumer<Message> pushes;
    private final Object sendLock = new Object();
    private WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private ServerConnection(Consumer<Message> pushes) {
        this.pushes = pushes;
    }

    /** Connects and waits for the server's challenge. */
    static ServerConnection open(HttpClient http, URI uri, Duration timeout, Consumer<Message> pushes)
            throws IOException {
        ServerConnection c = new ServerConnection(pushes);
        try {
            c.socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, c.new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            c.challenge.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            c.close();
            throw new IOException("Cannot connect to the messaging server at " + uri + ": " + rootMessage(e), e);
        }
        c.schedulePing();
        return c;
    }

    /** Signs in as {@code device} of {@code identity}; the answer is the server's ack or error. */
    CompletableFuture<Message> login(IdentityKeyPair identity, int device) {
        byte[] nonce = challenge.join();
        Address address = Address.newBuilder().setUserID(ByteString.copyFrom(identity.getPublicKey().serialize()))
                .setDeviceID(device).build();
        byte[] login = Login.newBuilder().setAddress(address).setNonce(ByteString.copyFrom(nonce)).build()
                .toByteArray();
        byte[] signature = identity.getPrivateKey().calculateSignature(login);
        return request(Message.newBuilder().setAuthResponse(AuthResponse.newBuilder()
                .setLogin(ByteString.copyFrom(login)).setSignature(ByteString.copyFrom(signature))));
    }

    /** Sends a request under a new sequence number; completes with the first message answering it. */
    CompletableFuture<Message> request(Message.Builder m) {
        int seq = nextSequence.getAndIncrement();
        CompletableFuture<Message> answer = new CompletableFuture<>();
        pending.put(seq, answer);
        send(m.setSequence(seq)).exceptionally(e -> {
            pending.remove(seq);
            answer.completeExceptionally(e);
            return null;
        });
        return answer;
    }

    /** Sends as is (an ack carries the sequence it answers). */
    CompletableFuture<?> send(Message.Builder m) {
        ByteBuffer bytes = ByteBuffer.wrap(m.build().toByteArray());
        synchronized (sendLock) {
            // the JDK client allows one outstanding send at a time: chain them
            lastSend = lastSend.handle((r, e) -> null).thenCompose(x -> socket.sendBinary(bytes, true));
            return lastSend;
        }
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    private void schedulePing() {
        CompletableFuture.delayedExecutor(PING_EVERY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.isDone()) {
                synchronized (sendLock) {
                    lastSend = lastSend.handle((r, e) -> null).thenCompose(x -> socket.sendPing(ByteBuffer.allocate(0)));
                }
                schedulePing();
            }
        });
    }

    private void received(byte[] frame) {
        Message m;
        try {
            m = Message.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            LOG.log(System.Logger.Level.WARNING, "Undecodable frame from the messaging server: " + e.getMessage());
            return;
        }
        if (m.hasAuthChallenge() && !challenge.isDone()) {
            challenge.complete(m.getAuthChallenge().getNonce().toByteArray());
            return;
        }
        if (m.hasInboundMessage() || m.hasPreKeysLow()) {
            pushes.accept(m);
            return;
        }
        CompletableFuture<Message> answer = pending.remove(m.getSequence());
        if (answer != null) {
            answer.complete(m);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "Unmatched message from the messaging server: " + m.getPayloadCase());
        }
    }

    private void ended(Throwable cause) {
        IOException gone = new IOException("connection to the messaging server closed"
                + (cause == null ? "" : ": " + rootMessage(cause)));
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        challenge.completeExceptionally(gone);
        closed.complete(null);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        if (socket != null) {
            socket.abort();
        }
        ended(null);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                received(frame);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            ended(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended(error);
        }
    }
}
