package org.signalbox.calls.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.network.Sender;
import org.signalbox.calls.internal.tunnel.Tunnel;
import org.signalbox.calls.internal.tunnel.TunnelBinary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call: the state machine of seed 004 between the client, the tunnel and the peer. Every step runs on the
 * call's {@link Serial}, so the fields have one writer; clients read a {@link #snapshot()}.
 */
final class Call {

    private static final System.Logger LOG = System.getLogger("Calls");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    /** Ends after which the peer already knows: no hangup is sent to it. */
    private static final Set<String> PEER_KNOWS = Set.of("remote_hangup", "remote_busy", "rejected");

    final long id;
    final Account account;
    final UUID peer;
    final String peerNumber;
    final boolean outgoing;
    private final CallContext context;
    private final Serial serial;

    private volatile CallState state;
    private volatile String inputDevice;
    private volatile String outputDevice;
    private boolean acceptPending;
    private boolean tunnelRinging;
    private boolean connectedOnce;
    /** Whether the peer has heard of this call (an offer went out or came in): then it hears of its end too. */
    private boolean signalled;
    private Tunnel tunnel;
    private ScheduledFuture<?> ringTimer;
    /** Why the tunnel could not be started, for the client's error. */
    volatile String spawnError;

    Call(long id, Account account, UUID peer, String peerNumber, boolean outgoing, CallContext context) {
        this.id = id;
        this.account = account;
        this.peer = peer;
        this.peerNumber = peerNumber;
        this.outgoing = outgoing;
        this.context = context;
        this.state = outgoing ? CallState.RINGING_OUTGOING : CallState.RINGING_INCOMING;
        this.serial = new Serial("call-" + Long.toUnsignedString(id));
    }

    CallInfo snapshot() {
        return new CallInfo(id, state, peerNumber, peer, outgoing, inputDevice, outputDevice);
    }

    CallState state() {
        return state;
    }

    // ---- starting

    /** An outgoing call: RINGING_OUTGOING, a tunnel, {@code createOutgoingCall} and {@code proceed}. */
    CompletableFuture<CallInfo> startOutgoing() {
        return step(() -> {
            context.publish(this, null);
            ObjectNode create = command("createOutgoingCall").put("peerId", peer.toString());
            if (spawn(List.of(create, proceed()))) {
                ring();
            }
            return snapshot();
        });
    }

    /** An incoming call: RINGING_INCOMING, a tunnel, {@code receivedOffer} and {@code proceed}. */
    void startIncoming(CallMessage.Offer offer, Sender from, long ageSeconds) {
        serial.submit(() -> {
            signalled = true;
            context.publish(this, null);
            ObjectNode received = command("receivedOffer").put("peerId", peer.toString())
                    .put("senderDeviceId", from.deviceId()).put("opaque", B64.encodeToString(offer.opaque()))
                    .put("age", ageSeconds).put("senderIdentityKey", B64.encodeToString(from.identityKey()))
                    .put("receiverIdentityKey", B64.encodeToString(account.identityKey()));
            if (spawn(List.of(received, proceed()))) {
                ring();
            }
        });
    }

    /** Rings until the ring timeout, unless the call moves on first. */
    private void ring() {
        ringTimer = context.schedule(() -> serial.submit(this::ringTimeout), context.config().ringTimeoutMillis());
    }

    private boolean spawn(List<ObjectNode> first) {
        ObjectNode config = MAPPER.createObjectNode().put("call_id", CallIds.unsigned(id))
                .put("is_outgoing", outgoing).put("local_device_id", account.deviceId());
        try {
            tunnel = context.spawn(this, config, new Tunnel.Listener() {
                @Override
                public void event(ObjectNode event) {
                    if (!serial.submit(() -> tunnelEvent(event))) {
                        LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": its tunnel writes faster than the "
                                + "call can act; dropped " + event.path("type").asText());
                    }
                }

                @Override
                public void exited(int status) {
                    serial.submit(() -> tunnelExited(status));
                }
            });
        } catch (IOException | TunnelBinary.NotFound e) {
            LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": cannot start the tunnel: " + e.getMessage());
            spawnError = e.getMessage();
            end("tunnel_spawn_error");
            return false;
        }
        for (ObjectNode c : first) {
            tell(c);
        }
        return true;
    }

    private ObjectNode proceed() {
        ObjectNode p = command("proceed").put("hideIp", context.config().hideIp());
        ArrayNode servers = p.putArray("iceServers");
        for (IceServer s : context.iceServers(account)) {
            ObjectNode o = servers.addObject().put("username", s.username()).put("password", s.password());
            s.urls().forEach(o.putArray("urls")::add);
        }
        return p;
    }

    // ---- the client

    /** acceptCall: CONNECTING now; the tunnel's {@code accept} waits for its {@code Ringing}. */
    CompletableFuture<CallInfo> accept() {
        return step(() -> {
            if (state != CallState.RINGING_INCOMING) {
                throw new IllegalStateException("Call " + id + " is not in RINGING_INCOMING state (current: "
                        + state + ")");
            }
            acceptPending = true;
            sendAcceptIfRinging();
            state = CallState.CONNECTING;
            cancelRingTimer();
            context.publish(this, null);
            return snapshot();
        });
    }

    /** hangupCall. */
    CompletableFuture<CallInfo> hangup() {
        return step(() -> {
            end("local_hangup");
            return snapshot();
        });
    }

    /** rejectCall: the caller hears busy, as signal-cli tells it. */
    CompletableFuture<CallInfo> reject() {
        return step(() -> {
            if (state != CallState.ENDED) {
                deliver(new CallMessage.Busy(id), false);
                end("rejected");
            }
            return snapshot();
        });
    }

    /** The daemon is stopping. */
    CompletableFuture<CallInfo> shutdown() {
        return step(() -> {
            end("shutdown");
            return snapshot();
        });
    }

    private CompletableFuture<CallInfo> step(Supplier<CallInfo> work) {
        CompletableFuture<CallInfo> done = new CompletableFuture<>();
        boolean queued = serial.submit(() -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        if (!queued) {
            done.completeExceptionally(new IllegalStateException("Call " + id + " is overloaded; try again"));
        }
        return done;
    }

    // ---- the network

    /** Signalling from the peer (the caller checked it is this call's peer). */
    void network(CallMessage message, Sender from) {
        if (!serial.submit(() -> peerSaid(message, from))) {
            LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": dropped signalling from a flooding peer");
        }
    }

    private void peerSaid(CallMessage message, Sender from) {
        if (state == CallState.ENDED) {
            return;
        }
        switch (message) {
            case CallMessage.Answer a when outgoing -> {
                tell(bare("receivedAnswer").put("opaque", B64.encodeToString(a.opaque()))
                        .put("senderDeviceId", from.deviceId())
                        .put("senderIdentityKey", B64.encodeToString(from.identityKey()))
                        .put("receiverIdentityKey", B64.encodeToString(account.identityKey())));
            }
            case CallMessage.IceUpdate u -> {
                ObjectNode ice = bare("receivedIce").put("senderDeviceId", from.deviceId());
                ArrayNode candidates = ice.putArray("candidates");
                u.candidates().forEach(c -> candidates.add(B64.encodeToString(c)));
                tell(ice);
            }
            case CallMessage.Busy b -> end("remote_busy");
            case CallMessage.Hangup h when h.type() == CallMessage.HangupType.NORMAL -> end("remote_hangup");
            default -> LOG.log(System.Logger.Level.DEBUG, "Call " + name() + ": ignored " + message.getClass()
                    .getSimpleName() + " from the peer");
        }
    }

    // ---- the tunnel

    private void tunnelEvent(ObjectNode e) {
        if (state == CallState.ENDED) {
            return;
        }
        String type = e.get("type").asText();
        switch (type) {
            case "ready" -> {
                inputDevice = e.path("inputDeviceName").isTextual() ? e.get("inputDeviceName").asText() : null;
                outputDevice = e.path("outputDeviceName").isTextual() ? e.get("outputDeviceName").asText() : null;
            }
            case "sendOffer" -> {
                byte[] opaque = opaque(e);
                if (opaque != null) {
                    CallMessage.MediaType media = "video".equalsIgnoreCase(e.path("callMediaType").asText())
                            ? CallMessage.MediaType.VIDEO : CallMessage.MediaType.AUDIO;
                    signalled = true;
                    deliver(new CallMessage.Offer(id, media, opaque), true);
                }
            }
            case "sendAnswer" -> {
                byte[] opaque = opaque(e);
                if (opaque != null) {
                    deliver(new CallMessage.Answer(id, opaque), true);
                }
            }
            case "sendIce" -> sendIce(e);
            case "sendHangup" -> {
                String kind = e.path("hangupType").asText("normal").toLowerCase(Locale.ROOT);
                if (kind.equals("normal")) {
                    deliver(new CallMessage.Hangup(id, CallMessage.HangupType.NORMAL, account.deviceId()), false);
                } else {
                    // accepted, declined, busy, needpermission (and the *OnAnotherDevice spellings) coordinate the
                    // devices of one account: sent to the peer they would end its call
                    LOG.log(System.Logger.Level.DEBUG, "Call " + name() + ": not forwarding hangup type " + kind);
                }
            }
            case "sendBusy" -> deliver(new CallMessage.Busy(id), false);
            case "stateChange" -> stateChange(e.path("state").asText(""), e.path("reason").isTextual()
                    ? e.get("reason").asText() : null);
            case "error" -> {
                LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": the tunnel reports an error: "
                        + e.path("message").asText("(no message)"));
                end("tunnel_error");
            }
            default -> LOG.log(System.Logger.Level.DEBUG, "Call " + name() + ": ignored tunnel event " + type);
        }
    }

    private void sendIce(ObjectNode e) {
        List<byte[]> candidates = new ArrayList<>();
        for (var c : e.path("candidates")) {
            try {
                candidates.add(Base64.getDecoder().decode(c.path("opaque").asText("")));
            } catch (IllegalArgumentException bad) {
                LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": skipped an ICE candidate that is not "
                        + "base64");
            }
        }
        if (!candidates.isEmpty()) {
            deliver(new CallMessage.IceUpdate(id, candidates), false);
        }
    }

    private void stateChange(String tunnelState, String reason) {
        CallState before = state;
        if (tunnelState.startsWith("Incoming")) {
            if (state != CallState.CONNECTING) {
                state = CallState.RINGING_INCOMING;
            }
        } else if (tunnelState.startsWith("Outgoing")) {
            state = CallState.RINGING_OUTGOING;
        } else if (tunnelState.equals("Ringing")) {
            tunnelRinging = true;
            sendAcceptIfRinging();
            return;
        } else if (tunnelState.equals("Connected")) {
            state = CallState.CONNECTED;
            connectedOnce = true;
            cancelRingTimer();
        } else if (tunnelState.equals("Connecting")) {
            if (!connectedOnce) {
                return; // only an ICE restart after a connection is a reconnect
            }
            state = CallState.RECONNECTING;
        } else if (tunnelState.equals("Ended") || tunnelState.equals("Rejected")) {
            end(reason != null ? reason : tunnelState.toLowerCase(Locale.ROOT));
            return;
        } else {
            return; // Concluded, and states this module does not know
        }
        if (state != before) {
            context.publish(this, null);
        }
    }

    private void tunnelExited(int status) {
        if (state != CallState.ENDED) {
            LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": the tunnel exited mid-call ("
                    + (status < 0 ? "it closed its stdout" : "status " + status) + ")");
            end("tunnel_exit");
        }
    }

    private void ringTimeout() {
        if (state.ringing()) {
            end("ring_timeout");
        }
    }

    private void sendAcceptIfRinging() {
        if (acceptPending && tunnelRinging) {
            acceptPending = false;
            tell(bare("accept"));
        }
    }

    // ---- the end

    /**
     * Ends the call once, whatever ended it: ENDED to the clients, a hangup to the peer unless it ended the call,
     * {@code hangup} to a live tunnel, then its stdin closed and the process reaped.
     */
    private void end(String reason) {
        if (state == CallState.ENDED) {
            return;
        }
        state = CallState.ENDED;
        cancelRingTimer();
        context.publish(this, reason);
        context.ended(this);
        if (signalled && !PEER_KNOWS.contains(reason)) {
            deliver(new CallMessage.Hangup(id, CallMessage.HangupType.NORMAL, account.deviceId()), false);
        }
        Tunnel t = tunnel;
        if (t != null) {
            if (t.alive()) {
                t.send(bare("hangup"));
            }
            t.end(Duration.ofMillis(context.config().hangupGraceMillis()));
        }
        LOG.log(System.Logger.Level.INFO, "Call " + name() + " ended: " + reason);
    }

    /** Sends to the peer; a failure of what the call cannot do without ({@code essential}) ends it. */
    private void deliver(CallMessage message, boolean essential) {
        String failure;
        try {
            Delivery d = context.send(account, peer.toString(), message);
            failure = d.delivered() ? null : d.outcome().name() + (d.detail().isEmpty() ? "" : ": " + d.detail());
        } catch (IOException e) {
            failure = e.getMessage();
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": could not send " + message.getClass()
                    .getSimpleName() + " to " + peer + " (" + failure + ")");
            if (essential) {
                end("network_failure");
            }
        }
    }

    private void tell(ObjectNode command) {
        Tunnel t = tunnel;
        if (t != null && !t.send(command)) {
            LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": the tunnel does not read its commands");
            end("tunnel_error");
        }
    }

    private ObjectNode command(String type) {
        return MAPPER.createObjectNode().put("type", type).put("callId", CallIds.unsigned(id));
    }

    /** A command without a call id: the tunnel has one call, and these name none (seed 004). */
    private static ObjectNode bare(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    private byte[] opaque(ObjectNode e) {
        try {
            return Base64.getDecoder().decode(e.path("opaque").asText(""));
        } catch (IllegalArgumentException bad) {
            LOG.log(System.Logger.Level.WARNING, "Call " + name() + ": the tunnel's " + e.get("type").asText()
                    + " carries no base64 opaque; skipped");
            return null;
        }
    }

    private void cancelRingTimer() {
        if (ringTimer != null) {
            ringTimer.cancel(false);
            ringTimer = null;
        }
    }

    String name() {
        return Long.toUnsignedString(id);
    }
}
