package org.signalbox.core.messaging.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.server.protocol.Ack;
import org.signalbox.server.protocol.Address;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.OutboundMessage;
import org.signalbox.server.service.internal.TestServer;

import com.google.protobuf.ByteString;

/** The client connection against the real server: login, requests matched by sequence, pushes, loss. */
class ServerConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void logsInSendsAndReceives() throws Exception {
        IdentityKeyPair bob = IdentityKeyPair.generate();
        BlockingQueue<Message> pushed = new LinkedBlockingQueue<>();
        try (TestServer server = new TestServer(dir);
                ServerConnection authenticated = ServerConnection.open(http, server.uri(), TIMEOUT, pushed::add);
                ServerConnection anonymous = ServerConnection.open(http, server.uri(), TIMEOUT, m -> { })) {
            assertThat(authenticated.login(bob, 1).get(10, TimeUnit.SECONDS).hasAck()).isTrue();
            // the server queues only for devices that registered keys; a full stock of one-time keys, so that no
            // PreKeysLow notice comes among the pushes counted below
            org.signalbox.server.protocol.Register.Builder keys = org.signalbox.server.protocol.Register.newBuilder()
                    .setRegistrationID(1).setSignedPreKey(ByteString.copyFromUtf8("spk"));
            for (int i = 1; i <= 20; i++) {
                keys.addOneTimePreKeys(ByteString.copyFrom(new byte[] {(byte) i}));
            }
            assertThat(authenticated.request(Message.newBuilder().setRegister(keys)).get(10, TimeUnit.SECONDS)
                    .hasAck()).isTrue();
            Address to = Address.newBuilder().setUserID(ByteString.copyFrom(bob.getPublicKey().serialize()))
                    .setDeviceID(1).build();
            for (int i = 0; i < 3; i++) {
                Message ack = anonymous.request(Message.newBuilder().setOutboundMessage(OutboundMessage.newBuilder()
                        .setTo(to).setUnidentifiedSenderMessage(ByteString.copyFromUtf8("m" + i))))
                        .get(10, TimeUnit.SECONDS);
                assertThat(ack.hasAck()).isTrue();
            }
            for (int i = 0; i < 3; i++) {
                Message m = pushed.poll(10, TimeUnit.SECONDS);
                assertThat(m).isNotNull();
                assertThat(m.getInboundMessage().toStringUtf8()).isEqualTo("m" + i);
                authenticated.send(Message.newBuilder().setSequence(m.getSequence()).setAck(Ack.getDefaultInstance()));
            }
        }
    }

    @Test
    void aLostServerFailsPendingRequestsAndCompletesClosed() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            ServerConnection c = ServerConnection.open(http, server.uri(), TIMEOUT, m -> { });
            server.stop();
            c.closed().get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.request(Message.newBuilder().setAck(Ack.getDefaultInstance()))
                    .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
            server.start();
        }
    }

    @Test
    void noServerIsAClearError() {
        assertThatThrownBy(() -> ServerConnection.open(http, java.net.URI.create("ws://127.0.0.1:1/api"),
                Duration.ofSeconds(2), m -> { })).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot connect to the messaging server at ws://127.0.0.1:1/api");
    }

    @Test
    void backoffGrowsToItsCapWithJitterAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        long max = 0;
        for (int i = 0; i < 20; i++) {
            long wait = b.next().toMillis();
            assertThat(wait).isBetween(0L, 2000L);
            max = Math.max(max, wait);
        }
        assertThat(max).as("reaches well past the base").isGreaterThan(100);
        b.reset();
        assertThat(b.next().toMillis()).isBetween(0L, 100L);
    }
}
