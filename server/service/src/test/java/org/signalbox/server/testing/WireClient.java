package org.signalbox.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.protocol.Address;
import org.signalbox.server.protocol.AuthResponse;
import org.signalbox.server.protocol.Login;
import org.signalbox.server.protocol.Message;

import com.google.protobuf.ByteString;

/**
 * A test peer speaking the wire protocol over the JDK's WebSocket client, one Message per binary frame. Shared with
 * other modules' tests through this module's test jar.
 */
public final class WireClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger nextSequence = new AtomicInteger(100);
    private final WebSocket socket;
    public final byte[] nonce;

    public WireClient(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                partial.writeBytes(chunk);
                if (last) {
                    try {
                        received.add(Message.parseFrom(partial.toByteArray()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.reset();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Message challenge = next();
        assertThat(challenge.hasAuthChallenge()).as("first message is the challenge").isTrue();
        assertThat(challenge.getSequence()).isEqualTo(1);
        nonce = challenge.getAuthChallenge().getNonce().toByteArray();
    }

    public int send(Message.Builder m) {
        int seq = m.getSequence() != 0 ? m.getSequence() : nextSequence.getAndIncrement();
        sendRaw(m.setSequence(seq).build().toByteArray());
        return seq;
    }

    public void sendRaw(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends and returns the first message that answers it (same sequence), skipping PreKeysLow notices. */
    public Message request(Message.Builder m) throws InterruptedException {
        int seq = send(m);
        Message answer;
        do {
            answer = next();
        } while (answer.hasPreKeysLow());
        assertThat(answer.getSequence()).as("answer to " + seq + ": " + answer).isEqualTo(seq);
        return answer;
    }

    public Message next() throws InterruptedException {
        Message m = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(m).as("a message within " + WAIT).isNotNull();
        return m;
    }

    /** The next message, or null if none arrives within {@code d}. */
    public Message poll(Duration d) throws InterruptedException {
        return received.poll(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static Message.Builder login(IdentityKeyPair identity, int deviceId, byte[] nonce) {
        byte[] l = Login.newBuilder().setAddress(address(identity, deviceId)).setNonce(ByteString.copyFrom(nonce))
                .build().toByteArray();
        return Message.newBuilder().setAuthResponse(AuthResponse.newBuilder().setLogin(ByteString.copyFrom(l))
                .setSignature(ByteString.copyFrom(identity.getPrivateKey().calculateSignature(l))));
    }

    public Message login(IdentityKeyPair identity, int deviceId) throws InterruptedException {
        return request(login(identity, deviceId, nonce));
    }

    public static Address address(IdentityKeyPair identity, int deviceId) {
        return Address.newBuilder().setUserID(ByteString.copyFrom(identity.getPublicKey().serialize()))
                .setDeviceID(deviceId).build();
    }

    /** The close status the server sent, waiting for it. */
    public int closeStatus() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
