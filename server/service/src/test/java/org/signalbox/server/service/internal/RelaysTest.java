package org.signalbox.server.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.api.network.TurnRest;
import org.signalbox.server.protocol.ClaimNumber;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.Relays;
import org.signalbox.server.protocol.RequestRelays;
import org.signalbox.server.testing.WireClient;

/** RequestRelays: TURN REST API credentials for the asking account, only when the operator configured TURN. */
class RelaysTest {

    private static final String SECRET = "shared-with-coturn";
    private static final Message.Builder ASK = Message.newBuilder().setRequestRelays(RequestRelays.getDefaultInstance());

    @TempDir
    Path dir;

    private final IdentityKeyPair alice = IdentityKeyPair.generate();

    private TestServer withTurn() throws Exception {
        return new TestServer(Settings.defaults(dir).withPort(0).withRelays(new Settings.Relays(
                List.of("turn:127.0.0.1:3478?transport=udp", "turns:127.0.0.1:5349"), SECRET, Duration.ofHours(2))));
    }

    @Test
    void credentialsNameTheAccountAndCheckWithTheSharedSecret() throws Exception {
        try (TestServer server = withTurn(); WireClient a = server.connect()) {
            a.login(alice, 1);
            DirectoryEntry me = a.request(Message.newBuilder().setClaimNumber(ClaimNumber.newBuilder()
                    .setNumber("+15550001111"))).getDirectoryEntry();
            Relays r = a.request(ASK).getRelays();
            assertThat(r.getUrlsList()).containsExactly("turn:127.0.0.1:3478?transport=udp", "turns:127.0.0.1:5349");
            assertThat(r.getTtlSeconds()).isEqualTo(7200);
            String[] user = r.getUsername().split(":");
            assertThat(user[1]).isEqualTo(me.getUuid());
            assertThat(Long.parseLong(user[0]) - Instant.now().getEpochSecond()).isBetween(7100L, 7200L);
            // what a TURN server with the same secret computes, and nothing else
            assertThat(r.getPassword()).isEqualTo(TurnRest.password(SECRET, r.getUsername()));
            assertThat(r.getPassword()).isNotEqualTo(TurnRest.password("another secret", r.getUsername()));
        }
    }

    @Test
    void withoutATurnServerThereAreNoRelays() throws Exception {
        try (TestServer server = new TestServer(dir); WireClient a = server.connect()) {
            a.login(alice, 1);
            Relays r = a.request(ASK).getRelays();
            assertThat(r.getUrlsList()).isEmpty();
            assertThat(r.getUsername()).isEmpty();
        }
    }

    @Test
    void strangersGetNone() throws Exception {
        try (TestServer server = withTurn(); WireClient anon = server.connect()) {
            assertThat(anon.request(ASK).getError().getName()).isEqualTo("unauthorized");
        }
    }

    @Test
    void turnUrisWithoutASecretAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Settings.Relays(List.of("turn:x"), "",
                Duration.ofHours(1))).hasMessageContaining("turnSecret");
    }
}
