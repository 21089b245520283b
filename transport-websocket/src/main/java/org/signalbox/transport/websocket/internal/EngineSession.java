package org.signalbox.transport.websocket.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Handovers;

/**
 * One Engine.IO socket, v3 or v4, whatever carries it: long-polling first and then the WebSocket it upgrades to,
 * or a WebSocket from the start. It owns the heartbeat (v4: the server pings and waits for the pong; v3: the
 * client pings and the server answers), the switch of carriers on upgrade, and what becomes of packets carrying
 * stored messages: kept once the socket outlasted the settle window after them or ended cleanly, returned when it
 * ended abnormally (a ping timeout, a reset, a client that stopped taking data).
 */
final class EngineSession {

    /** What moves packets to and from the client: a long-polling exchange or a WebSocket. */
    interface Carrier {
        /**
         * Takes one packet for the client; once it was written, the carrier reports it with
         * {@link EngineSession#written}. False if it did not take it (the handover is then untouched).
         */
        boolean send(String packet, Handover handover);

        /** A packet nothing waits for (a ping, a pong), sent without blocking. */
        void push(String packet);

        /**
         * The server ends the socket, a WebSocket with {@code status}; {@link EngineSession#ended} follows once the
         * carrier knows how it went.
         */
        void close(int status, String reason);
    }

    private static final System.Logger LOG = System.getLogger("SocketIO");

    final String sid;
    final int protocol;
    private final HttpConfig config;
    private final ScheduledExecutorService timer;
    private final Runnable unregister;
    private final Handovers handovers;
    private final SocketIoSocket socket;
    private final Object inbound = new Object();
    private Carrier carrier;
    private PollingCarrier polling;
    private ScheduledFuture<?> heartbeat;
    private volatile long heard = System.nanoTime();
    private boolean ended;

    EngineSession(String sid, int protocol, HttpConfig config, ScheduledExecutorService timer, Runnable unregister,
            SocketIoDialect.Factory dialects) {
        this.sid = sid;
        this.protocol = protocol;
        this.config = config;
        this.timer = timer;
        this.unregister = unregister;
        this.handovers = new Handovers(config.settleMillis());
        this.socket = new SocketIoSocket(this, dialects);
    }

    /**
     * Opens the socket on its first carrier: the open packet (upgrades offered only to a polling client), the
     * heartbeat, and for v3 the Socket.IO connection to {@code /} that its clients expect unasked.
     */
    void open(Carrier first, Map<String, String> query) {
        synchronized (this) {
            carrier = first;
            polling = first instanceof PollingCarrier p ? p : null;
        }
        var open = SocketIoSocket.MAPPER.createObjectNode().put("sid", sid);
        open.putArray("upgrades").addAll(polling != null
                ? List.of(SocketIoSocket.MAPPER.getNodeFactory().textNode("websocket")) : List.of());
        open.put("pingInterval", config.pingIntervalMillis()).put("pingTimeout", config.pingTimeoutMillis());
        if (protocol == 4) {
            open.put("maxPayload", config.maxMessageBytes());
        }
        send("0" + open, null);
        long period = protocol == 4 ? config.pingIntervalMillis() : Math.max(100, config.pingTimeoutMillis() / 4);
        ScheduledFuture<?> beat = timer.scheduleAtFixedRate(protocol == 4 ? this::ping : this::checkHeard, period,
                period, TimeUnit.MILLISECONDS);
        synchronized (this) {
            heartbeat = beat;
            if (ended) {
                beat.cancel(false); // it ended while opening
            }
        }
        if (protocol == 3) {
            socket.connectedUnasked(query);
        }
    }

    /** v4: pings, and ends the socket unless this very ping is answered within pingTimeout. */
    private void ping() {
        long sent = System.nanoTime();
        Carrier c = current();
        if (c == null) {
            return;
        }
        c.push("2");
        timer.schedule(() -> {
            if (heard - sent < 0) {
                abort("ping timeout");
            }
        }, config.pingTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /** v3: the client must ping every pingInterval; pingTimeout more is its grace. */
    private void checkHeard() {
        if (System.nanoTime() - heard > TimeUnit.MILLISECONDS.toNanos(config.pingIntervalMillis()
                + config.pingTimeoutMillis())) {
            abort("ping timeout");
        }
    }

    private void abort(String why) {
        Carrier c = current();
        LOG.log(System.Logger.Level.DEBUG, "Engine.IO socket " + sid + ": " + why);
        if (c != null) {
            c.close(StatusCode.NORMAL, why);
        }
        ended(false);
    }

    /** The packets of one poll's body, in order, and none of the next body's among them. */
    void received(List<String> packets) {
        synchronized (inbound) {
            packets.forEach(this::received);
        }
    }

    /** One Engine.IO packet from the client, by whichever carrier. */
    void received(String packet) {
        if (packet.isEmpty()) {
            protocolError("empty packet");
            return;
        }
        switch (packet.charAt(0)) {
            case '1' -> close(StatusCode.NORMAL, "client closed");
            case '2' -> {
                heard = System.nanoTime();
                Carrier c = current();
                if (c != null) {
                    c.push("3" + packet.substring(1)); // v3's heartbeat; harmless from a v4 client
                }
            }
            case '3' -> heard = System.nanoTime();
            case '4' -> socket.packet(packet.substring(1));
            case '6' -> {
                // noop: a v3 client's nudge during upgrade
            }
            default -> protocolError("unknown Engine.IO packet type " + packet.charAt(0));
        }
    }

    void protocolError(String why) {
        LOG.log(System.Logger.Level.DEBUG, "Closing a Socket.IO client: " + why);
        close(StatusCode.PROTOCOL, why);
    }

    /**
     * One packet for the client; false if it cannot get there. During an upgrade a packet the polling carrier
     * no longer takes goes by the WebSocket.
     */
    boolean send(String packet, Handover handover) {
        while (true) {
            Carrier c = current();
            if (c != null && c.send(packet, handover)) {
                return true;
            }
            if (c == current()) {
                written(false, handover);
                return false;
            }
        }
    }

    /** What became of a packet: written whole, or not (then what it carries goes back to the store). */
    void written(boolean whole, Handover handover) {
        if (handover != null) {
            handovers.sent(whole, handover);
        }
    }

    private synchronized Carrier current() {
        return ended ? null : carrier;
    }

    /** Whether a WebSocket may take over: only from polling. */
    synchronized boolean upgradable() {
        return !ended && polling != null;
    }

    /** A WebSocket answered its probe: the poll waiting now returns empty, so the client can switch. */
    void probed() {
        PollingCarrier p;
        synchronized (this) {
            p = ended ? null : polling;
        }
        if (p != null) {
            p.upgrading();
        }
    }

    /**
     * The WebSocket sent {@code 5}: it carries everything from now on, starting with what waited for a poll, in
     * order. Senders wait meanwhile, so nothing overtakes what moves.
     */
    synchronized boolean upgraded(Carrier websocket) {
        if (ended || polling == null) {
            return false;
        }
        carrier = websocket;
        List<PollingCarrier.Queued> moved = polling.discard();
        polling = null;
        for (PollingCarrier.Queued q : moved) {
            if (!websocket.send(q.packet(), q.handover())) {
                written(false, q.handover());
            }
        }
        return true;
    }

    /** The server ends the socket (a WebSocket with {@code status}). */
    void close(int status, String reason) {
        Carrier c = current();
        if (c != null) {
            c.close(status, reason);
        }
    }

    /**
     * The socket is over: {@code clean} when the client closed it or read all it was sent, so what it was sent is
     * kept; otherwise it goes back to the store.
     */
    void ended(boolean clean) {
        ScheduledFuture<?> beat;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            beat = heartbeat;
        }
        if (beat != null) {
            beat.cancel(false);
        }
        unregister.run();
        if (clean) {
            handovers.keepAll();
        } else {
            handovers.returnAll();
        }
        socket.gone();
    }

    /** The polling carrier, until an upgrade replaces it. */
    synchronized PollingCarrier polling() {
        return ended ? null : polling;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    HttpConfig config() {
        return config;
    }
}
