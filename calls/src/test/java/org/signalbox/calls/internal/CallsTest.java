package org.signalbox.calls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Content;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.network.Network;
import org.signalbox.api.network.Received;
import org.signalbox.api.network.Sender;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.session.Events;
import org.signalbox.api.session.Handover;

/**
 * The daemon's calls with the fake tunnel as a real child process: which offers ring, which are answered busy or
 * ignored, and that signalling only reaches a call from its own peer.
 */
class CallsTest {

    private static final Path FAKE = Path.of(System.getProperty("signalbox.fakeTunnel"));
    private static final Sender PEER = new Sender(FakeCallContext.PEER, "+15550002222", 1, new byte[32]);

    @TempDir
    Path dir;

    private final List<CallMessage> sent = new CopyOnWriteArrayList<>();
    private volatile List<IceServer> relays;
    private final List<String> published = new CopyOnWriteArrayList<>();
    private volatile boolean subscribed = true;
    private Calls calls;

    private final Network network = new Network() {
        @Override
        public List<Delivery> send(Account from, List<String> recipients, Content content) {
            sent.add((CallMessage) content);
            return List.of(new Delivery(recipients.get(0), recipients.get(0), Delivery.Outcome.SUCCESS, ""));
        }

        @Override
        public Optional<UUID> aci(Account from, String recipient) {
            return recipient.equals("+15550002222") ? Optional.of(FakeCallContext.PEER) : Optional.empty();
        }

        @Override
        public List<IceServer> relays(Account account) throws IOException {
            if (relays == null) {
                throw new IOException("no server here");
            }
            return relays;
        }
    };

    private final Events events = new Events() {
        @Override
        public int publish(String event, String account, Object payload) {
            published.add(account + " " + payload);
            return 1;
        }

        @Override
        public int publish(String event, String account, Object payload, Handover handover) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean subscribed(String event, String account) {
            return subscribed && event.equals(Calls.EVENT);
        }
    };

    private Calls calls() throws IOException {
        Path home = Files.createDirectories(dir.resolve("bin")).getParent();
        Files.createSymbolicLink(home.resolve("bin/signal-call-tunnel"), FAKE.toAbsolutePath());
        FakeCallContext defaults = new FakeCallContext(60_000);
        calls = new Calls(defaults.config(), network, events, home.toString());
        return calls;
    }

    @AfterEach
    void close() {
        if (calls != null) {
            calls.close();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }

    private static Received<CallMessage> offer(long id, long sentAt) {
        return new Received<>(FakeCallContext.ACCOUNT, PEER,
                new CallMessage.Offer(id, CallMessage.MediaType.AUDIO, new byte[] {1}), sentAt, sentAt, sentAt);
    }

    @Test
    void anOfferRingsOnlyWithASubscriberAndWhenFresh() throws Exception {
        Calls c = calls();
        subscribed = false;
        c.received(offer(1, System.currentTimeMillis()));
        c.received(offer(2, System.currentTimeMillis() - 120_000)); // older than the ring timeout
        subscribed = true;
        c.received(offer(3, System.currentTimeMillis() - 120_000));
        Thread.sleep(300);
        assertThat(c.list(FakeCallContext.ACCOUNT)).isEmpty();
        assertThat(published).isEmpty();
        assertThat(ProcessHandle.current().children().count()).isZero();

        c.received(offer(4, System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.list(FakeCallContext.ACCOUNT).size() == 1
                && c.list(FakeCallContext.ACCOUNT).get(0).inputDevice() != null); // its tunnel said ready
        assertThat(published.get(0)).contains("RINGING_INCOMING");
        assertThat(ProcessHandle.current().children().count()).isEqualTo(1);
    }

    @Test
    void anOfferDuringACallIsAnsweredBusyAndSignallingFromStrangersIsIgnored() throws Exception {
        Calls c = calls();
        c.received(offer(4, System.currentTimeMillis()));
        await().until(() -> c.list(FakeCallContext.ACCOUNT).size() == 1);
        c.received(offer(5, System.currentTimeMillis()));
        await().until(() -> sent.contains(new CallMessage.Busy(5)));
        assertThat(c.list(FakeCallContext.ACCOUNT)).extracting(CallInfo::id).containsExactly(4L);

        Sender stranger = new Sender(UUID.randomUUID(), null, 1, new byte[32]);
        c.received(new Received<>(FakeCallContext.ACCOUNT, stranger, new CallMessage.Hangup(4,
                CallMessage.HangupType.NORMAL, 1), 0, 0, 0));
        Thread.sleep(300);
        assertThat(c.list(FakeCallContext.ACCOUNT)).hasSize(1); // only the call's peer can end it

        c.received(new Received<>(FakeCallContext.ACCOUNT, PEER, new CallMessage.Hangup(4,
                CallMessage.HangupType.NORMAL, 1), 0, 0, 0));
        await().until(() -> c.list(FakeCallContext.ACCOUNT).isEmpty());
        assertThat(published).last().asString().contains("ENDED").contains("remote_hangup");
    }

    @Test
    void startCallNeedsARegisteredRecipientAndUnknownIdsAreIo() throws Exception {
        Calls c = calls();
        assertThatThrownBy(() -> c.start(FakeCallContext.ACCOUNT, "+15559990000"))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error()).isEqualTo(RpcError.USER))
                .hasMessage("Recipient not registered: +15559990000");
        assertThatThrownBy(() -> c.hangup(FakeCallContext.ACCOUNT, 77))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.error()).isEqualTo(RpcError.IO))
                .hasMessage("No active call with id 77");
        CallInfo started = c.start(FakeCallContext.ACCOUNT, "+15550002222");
        assertThat(started.state()).isEqualTo(CallState.RINGING_OUTGOING);
        assertThat(started.number()).isEqualTo("+15550002222");
    }

    @Test
    void proceedTakesTheServersRelaysWhenItHasSome() throws Exception {
        Calls c = calls();
        assertThat(c.iceServers(FakeCallContext.ACCOUNT)).as("no server, nothing configured").isEmpty();
        relays = List.of(new IceServer(List.of("turn:127.0.0.1:3478"), "1767225600:u", "pw"));
        assertThat(c.iceServers(FakeCallContext.ACCOUNT)).isEqualTo(relays);
    }

    @Test
    void shutdownEndsEveryCallAndReapsItsTunnel() throws Exception {
        Calls c = calls();
        c.start(FakeCallContext.ACCOUNT, "+15550002222");
        c.received(offer(9, System.currentTimeMillis())); // busy: one call per account
        await().until(() -> ProcessHandle.current().children().count() == 1);
        c.close();
        calls = null;
        assertThat(published).last().asString().contains("ENDED").contains("shutdown");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }
}
