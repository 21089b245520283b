package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.ContentListener;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.Received;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The network API for feature bundles between two daemons through the real server: typed call messages go end
 * to end, arrive at the listener of their kind with the sender's identity, and still show in receive as
 * signal-cli renders them (unsigned ids).
 */
class NetworkServiceTest extends AliceAndBob {

    private final BlockingQueue<Received<CallMessage>> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() {
        bob.listeners.add(new ContentListener<CallMessage>() {
            @Override
            public Class<CallMessage> kind() {
                return CallMessage.class;
            }

            @Override
            public void received(Received<CallMessage> r) {
                heard.add(r);
            }
        });
    }

    @Test
    void aCallMessageReachesTheListenerOfItsKindWithTheSendersIdentity() throws Exception {
        Account from = alice.accounts.find(ALICE).orElseThrow();
        Account to = bob.accounts.find(BOB).orElseThrow();
        NetworkService network = new NetworkService(alice.messengers);
        UUID bobAci = network.aci(from, BOB).orElseThrow();
        assertThat(bobAci).isEqualTo(to.uuid());
        assertThat(network.aci(from, "+15559990000")).isEmpty();

        long id = -2L; // 18446744073709551614 unsigned
        List<Delivery> d = network.send(from, List.of(bobAci.toString(), "+15559990000"),
                new CallMessage.Offer(id, CallMessage.MediaType.VIDEO, new byte[] {1, 2, 3}));
        assertThat(d).extracting(Delivery::outcome).containsExactly(Delivery.Outcome.SUCCESS,
                Delivery.Outcome.UNREGISTERED_FAILURE);
        assertThat(d.get(0).recipient()).isEqualTo(bobAci.toString());

        Received<CallMessage> r = heard.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("the offer reached the listener").isNotNull();
        assertThat(r.account().number()).isEqualTo(BOB);
        assertThat(r.content()).isInstanceOfSatisfying(CallMessage.Offer.class, o -> {
            assertThat(o.id()).isEqualTo(id);
            assertThat(o.type()).isEqualTo(CallMessage.MediaType.VIDEO);
            assertThat(o.opaque()).containsExactly(1, 2, 3);
        });
        assertThat(r.sender().aci()).isEqualTo(from.uuid());
        assertThat(r.sender().number()).isEqualTo(ALICE);
        assertThat(r.sender().deviceId()).isEqualTo(1);
        assertThat(r.sender().identityKey()).hasSize(32).isEqualTo(from.identityKey());
        assertThat(r.serverReceivedTimestamp()).isPositive();

        JsonNode envelope = bob.notification(p -> p.path("envelope").has("callMessage")).get("envelope");
        assertThat(envelope.get("callMessage").get("offerMessage").get("id").asText())
                .isEqualTo("18446744073709551614");
        assertThat(envelope.get("callMessage").get("offerMessage").get("type").asText()).isEqualTo("VIDEO_CALL");

        network.send(from, List.of(BOB), new CallMessage.IceUpdate(id, List.of(new byte[] {9}, new byte[] {8})));
        network.send(from, List.of(BOB), new CallMessage.Hangup(id, CallMessage.HangupType.DECLINED, 1));
        Received<CallMessage> ice = heard.poll(20, TimeUnit.SECONDS);
        assertThat(ice.content()).isInstanceOfSatisfying(CallMessage.IceUpdate.class,
                u -> assertThat(u.candidates()).hasSize(2));
        assertThat(heard.poll(20, TimeUnit.SECONDS).content())
                .isEqualTo(new CallMessage.Hangup(id, CallMessage.HangupType.DECLINED, 1));
    }

    @Test
    void relaysAreEmptyWhenTheServerHasNoTurn() throws Exception {
        Account from = alice.accounts.find(ALICE).orElseThrow();
        assertThat(new NetworkService(alice.messengers).relays(from)).isEmpty();
    }
}
