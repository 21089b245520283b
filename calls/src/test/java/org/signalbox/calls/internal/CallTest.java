package org.signalbox.calls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.Sender;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The call state machine of seed 004 against a scripted tunnel and peer (no processes: TunnelProcessTest). */
class CallTest {

    /** Above 2^63 unsigned: the tunnel must see 18446744073709551611. */
    private static final long ID = -5L;
    private static final byte[] PEER_KEY = new byte[32];
    private static final Sender PEER = new Sender(FakeCallContext.PEER, "+15550002222", 2, PEER_KEY);

    static {
        PEER_KEY[0] = 7;
    }

    private final FakeCallContext context = new FakeCallContext(60_000);

    @AfterEach
    void close() {
        context.close();
    }

    private Call outgoing() throws Exception {
        Call call = new Call(ID, FakeCallContext.ACCOUNT, FakeCallContext.PEER, "+15550002222", true, context);
        CallInfo started = call.startOutgoing().get();
        assertThat(started.state()).isEqualTo(CallState.RINGING_OUTGOING);
        assertThat(context.nextEvent()).containsEntry("state", "RINGING_OUTGOING").containsEntry("callId", ID)
                .containsEntry("isOutgoing", true).containsEntry("number", "+15550002222")
                .containsEntry("uuid", FakeCallContext.PEER.toString()).containsEntry("account", "+15550001111")
                .doesNotContainKeys("inputDeviceName", "reason");
        return call;
    }

    private Call incoming() throws Exception {
        Call call = new Call(ID, FakeCallContext.ACCOUNT, FakeCallContext.PEER, "+15550002222", false, context);
        call.startIncoming(new CallMessage.Offer(ID, CallMessage.MediaType.AUDIO, "offer".getBytes()), PEER, 3);
        assertThat(context.nextEvent()).containsEntry("state", "RINGING_INCOMING").containsEntry("isOutgoing", false);
        awaitCommand("proceed");
        return call;
    }

    private void awaitCommand(String type) {
        await().atMost(Duration.ofSeconds(5)).until(() -> context.commandTypes().contains(type));
    }

    private ObjectNode command(String type) {
        return context.commands.stream().filter(c -> type.equals(c.path("type").asText())).findFirst().orElseThrow();
    }

    @Test
    void anOutgoingCallGoesFromRingingStraightToConnectedAndEndsWithALocalHangup() throws Exception {
        Call call = outgoing();
        awaitCommand("proceed");
        assertThat(context.commandTypes()).containsExactly("config", "createOutgoingCall", "proceed");
        assertThat(context.commands.get(0).toString())
                .isEqualTo("{\"call_id\":18446744073709551611,\"is_outgoing\":true,\"local_device_id\":1}");
        assertThat(command("createOutgoingCall").toString()).isEqualTo("{\"type\":\"createOutgoingCall\","
                + "\"callId\":18446744073709551611,\"peerId\":\"" + FakeCallContext.PEER + "\"}");
        assertThat(command("proceed").toString()).isEqualTo("{\"type\":\"proceed\",\"callId\":18446744073709551611,"
                + "\"hideIp\":false,\"iceServers\":[{\"username\":\"u\",\"password\":\"p\",\"urls\":"
                + "[\"turn:127.0.0.1:3478\"]}]}");

        context.tunnelSays("{\"type\":\"ready\",\"inputDeviceName\":\"in_1\",\"outputDeviceName\":\"out_1\"}");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Outgoing(Audio)\"}");
        context.tunnelSays("{\"type\":\"sendOffer\",\"callId\":18446744073709551611,\"opaque\":\"b2ZmZXI=\","
                + "\"callMediaType\":\"audio\"}");
        await().until(() -> !context.sent.isEmpty());
        assertThat(context.sent.get(0)).isInstanceOfSatisfying(CallMessage.Offer.class, o -> {
            assertThat(o.id()).isEqualTo(ID);
            assertThat(o.type()).isEqualTo(CallMessage.MediaType.AUDIO);
            assertThat(new String(o.opaque())).isEqualTo("offer");
        });

        call.network(new CallMessage.Answer(ID, "answer".getBytes()), PEER);
        awaitCommand("receivedAnswer");
        assertThat(command("receivedAnswer").toString()).isEqualTo("{\"type\":\"receivedAnswer\",\"opaque\":\""
                + Base64.getEncoder().encodeToString("answer".getBytes()) + "\",\"senderDeviceId\":2,"
                + "\"senderIdentityKey\":\"" + Base64.getEncoder().encodeToString(PEER_KEY)
                + "\",\"receiverIdentityKey\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}");
        call.network(new CallMessage.IceUpdate(ID, List.of("c1".getBytes(), "c2".getBytes())), PEER);
        awaitCommand("receivedIce");
        assertThat(command("receivedIce").toString()).isEqualTo("{\"type\":\"receivedIce\",\"senderDeviceId\":2,"
                + "\"candidates\":[\"YzE=\",\"YzI=\"]}");

        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connected\"}");
        // the seed's choice (docs/protocol/call-states.md): no CONNECTING on the calling side
        assertThat(context.nextEvent()).containsEntry("state", "CONNECTED").containsEntry("inputDeviceName", "in_1")
                .containsEntry("outputDeviceName", "out_1");

        assertThat(call.hangup().get().state()).isEqualTo(CallState.ENDED);
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "local_hangup");
        // hangup() returns once the call ended: sent, told and reaped
        assertThat(context.sent).last().isEqualTo(new CallMessage.Hangup(ID, CallMessage.HangupType.NORMAL, 1));
        assertThat(context.commandTypes()).last().isEqualTo("hangup");
        assertThat(context.tunnelEnded).isTrue();
        assertThat(context.ended).containsExactly(call);

        // what the tunnel says as it goes changes nothing: one hangup reached the peer
        context.tunnelSays("{\"type\":\"sendHangup\",\"callId\":18446744073709551611,\"hangupType\":\"normal\"}");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Ended\",\"reason\":\"LocalHangup\"}");
        Thread.sleep(200);
        assertThat(context.sent).filteredOn(m -> m instanceof CallMessage.Hangup).hasSize(1);
        assertThat(context.events).isEmpty();
    }

    @Test
    void anIncomingCallAcceptedBeforeTheTunnelRingsSendsAcceptOnlyWhenItDoes() throws Exception {
        Call call = incoming();
        awaitCommand("proceed");
        assertThat(context.commandTypes()).containsExactly("config", "receivedOffer", "proceed");
        assertThat(context.commands.get(0).path("is_outgoing").asBoolean()).isFalse();
        assertThat(command("receivedOffer").toString()).isEqualTo("{\"type\":\"receivedOffer\",\"callId\":"
                + "18446744073709551611,\"peerId\":\"" + FakeCallContext.PEER + "\",\"senderDeviceId\":2,\"opaque\":\""
                + Base64.getEncoder().encodeToString("offer".getBytes()) + "\",\"age\":3,\"senderIdentityKey\":\""
                + Base64.getEncoder().encodeToString(PEER_KEY) + "\",\"receiverIdentityKey\":\""
                + Base64.getEncoder().encodeToString(new byte[32]) + "\"}");
        context.tunnelSays("{\"type\":\"sendAnswer\",\"callId\":18446744073709551611,\"opaque\":\"YQ==\"}");

        assertThat(call.accept().get().state()).isEqualTo(CallState.CONNECTING);
        assertThat(context.nextEvent()).containsEntry("state", "CONNECTING");
        Thread.sleep(100);
        assertThat(context.commandTypes()).doesNotContain("accept");

        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Ringing\"}");
        awaitCommand("accept");
        assertThat(command("accept").toString()).isEqualTo("{\"type\":\"accept\"}");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connected\"}");
        assertThat(context.nextEvent()).containsEntry("state", "CONNECTED");

        assertThatThrownBy(() -> call.accept().get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("is not in RINGING_INCOMING state (current: CONNECTED)");

        // another device's coordination is not the end of this call; the peer's NORMAL hangup is
        call.network(new CallMessage.Hangup(ID, CallMessage.HangupType.ACCEPTED, 3), PEER);
        call.network(new CallMessage.Hangup(ID, CallMessage.HangupType.NORMAL, 2), PEER);
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "remote_hangup");
        assertThat(context.sent).singleElement().isInstanceOf(CallMessage.Answer.class); // no hangup back
    }

    @Test
    void aTunnelThatRingsFirstGetsAcceptAtOnce() throws Exception {
        Call call = incoming();
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Ringing\"}");
        Thread.sleep(100);
        assertThat(context.commandTypes()).doesNotContain("accept");
        call.accept().get();
        assertThat(context.commandTypes()).contains("accept");
    }

    @Test
    void rejectingTellsTheCallerBusy() throws Exception {
        Call call = incoming();
        call.reject().get();
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "rejected");
        await().until(() -> context.tunnelEnded);
        assertThat(context.sent).containsExactly(new CallMessage.Busy(ID));
    }

    @Test
    void aCallNobodyAnswersEndsAtTheRingTimeout() throws Exception {
        FakeCallContext quick = new FakeCallContext(300);
        try {
            Call call = new Call(ID, FakeCallContext.ACCOUNT, FakeCallContext.PEER, null, true, quick);
            call.startOutgoing().get();
            assertThat(quick.nextEvent()).containsEntry("state", "RINGING_OUTGOING").doesNotContainKey("number");
            quick.tunnelSays("{\"type\":\"sendOffer\",\"callId\":1,\"opaque\":\"YQ==\",\"callMediaType\":\"audio\"}");
            assertThat(quick.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "ring_timeout");
            await().until(() -> quick.sent.contains(new CallMessage.Hangup(ID, CallMessage.HangupType.NORMAL, 1)));
        } finally {
            quick.close();
        }
    }

    @Test
    void anIncomingCallNobodyAcceptsEndsAtTheRingTimeoutAndTellsTheCaller() throws Exception {
        FakeCallContext quick = new FakeCallContext(300);
        try {
            Call call = new Call(ID, FakeCallContext.ACCOUNT, FakeCallContext.PEER, null, false, quick);
            call.startIncoming(new CallMessage.Offer(ID, CallMessage.MediaType.AUDIO, new byte[1]), PEER, 0);
            assertThat(quick.nextEvent()).containsEntry("state", "RINGING_INCOMING");
            assertThat(quick.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "ring_timeout");
            await().until(() -> quick.sent.contains(new CallMessage.Hangup(ID, CallMessage.HangupType.NORMAL, 1)));
        } finally {
            quick.close();
        }
    }

    @Test
    void anAcceptedCallDoesNotTimeOut() throws Exception {
        FakeCallContext quick = new FakeCallContext(300);
        try {
            Call call = new Call(ID, FakeCallContext.ACCOUNT, FakeCallContext.PEER, null, false, quick);
            call.startIncoming(new CallMessage.Offer(ID, CallMessage.MediaType.AUDIO, new byte[1]), PEER, 0);
            quick.nextEvent();
            call.accept().get();
            assertThat(quick.nextEvent()).containsEntry("state", "CONNECTING");
            Thread.sleep(600);
            assertThat(call.state()).isEqualTo(CallState.CONNECTING);
        } finally {
            quick.close();
        }
    }

    @Test
    void aBusyPeerEndsTheCall() throws Exception {
        Call call = outgoing();
        call.network(new CallMessage.Busy(ID), PEER);
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "remote_busy");
        assertThat(context.sent).isEmpty();
    }

    @Test
    void anIceRestartThatRecoversReconnectsAndOneThatFailsEnds() throws Exception {
        outgoing();
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connecting\"}"); // before connecting: not a restart
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connected\"}");
        assertThat(context.nextEvent()).containsEntry("state", "CONNECTED");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connecting\"}");
        assertThat(context.nextEvent()).containsEntry("state", "RECONNECTING");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connected\"}");
        assertThat(context.nextEvent()).containsEntry("state", "CONNECTED");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Connecting\"}");
        assertThat(context.nextEvent()).containsEntry("state", "RECONNECTING");
        context.tunnelSays("{\"type\":\"stateChange\",\"state\":\"Ended\",\"reason\":\"ConnectionFailure\"}");
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "ConnectionFailure");
    }

    @Test
    void onlyNormalHangupsOfTheTunnelReachThePeer() throws Exception {
        outgoing();
        for (String type : new String[] {"accepted", "declined", "busy", "needpermission",
            "AcceptedOnAnotherDevice", "DeclinedOnAnotherDevice", "BusyOnAnotherDevice", "normal"}) {
            context.tunnelSays("{\"type\":\"sendHangup\",\"callId\":1,\"hangupType\":\"" + type + "\"}");
        }
        await().until(() -> !context.sent.isEmpty());
        Thread.sleep(100);
        assertThat(context.sent).containsExactly(new CallMessage.Hangup(ID, CallMessage.HangupType.NORMAL, 1));
        assertThat(context.events).isEmpty(); // sendHangup is not a state change
    }

    @Test
    void aTunnelErrorAndATunnelExitEndTheCall() throws Exception {
        outgoing();
        context.tunnelSays("{\"type\":\"error\",\"message\":\"no audio device\"}");
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "tunnel_error");

        context.commands.clear();
        context.tunnelAlive = false;
        Call second = new Call(7, FakeCallContext.ACCOUNT, FakeCallContext.PEER, null, true, context);
        second.startOutgoing().get();
        context.nextEvent();
        context.tunnelSays("{\"type\":\"sendOffer\",\"callId\":7,\"opaque\":\"YQ==\",\"callMediaType\":\"audio\"}");
        context.tunnel.exited(137);
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "tunnel_exit");
        await().until(() -> context.sent.contains(new CallMessage.Hangup(7, CallMessage.HangupType.NORMAL, 1)));
        assertThat(context.commandTypes()).doesNotContain("hangup"); // nobody to tell
    }

    @Test
    void aTunnelThatCannotStartEndsTheCallAndSaysWhy() throws Exception {
        context.spawnFails = true;
        Call call = new Call(ID, FakeCallContext.ACCOUNT, FakeCallContext.PEER, null, true, context);
        assertThat(call.startOutgoing().get().state()).isEqualTo(CallState.ENDED);
        assertThat(call.spawnError).isEqualTo("no tunnel here");
        context.nextEvent();
        assertThat(context.nextEvent()).containsEntry("state", "ENDED").containsEntry("reason", "tunnel_spawn_error");
        assertThat(context.sent).isEmpty(); // the peer never heard of it
    }

    @Test
    void anOfferThePeerCannotGetEndsTheCall() throws Exception {
        context.outcome = Delivery.Outcome.UNREGISTERED_FAILURE;
        outgoing();
        context.tunnelSays("{\"type\":\"sendOffer\",\"callId\":1,\"opaque\":\"YQ==\",\"callMediaType\":\"video\"}");
        Map<String, Object> ended = context.nextEvent();
        assertThat(ended).containsEntry("state", "ENDED").containsEntry("reason", "network_failure");
        assertThat(context.sent.get(0)).isInstanceOfSatisfying(CallMessage.Offer.class,
                o -> assertThat(o.type()).isEqualTo(CallMessage.MediaType.VIDEO));
    }
}
