package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.signalbox.api.session.Handover;

/**
 * Engine.IO's long-polling carrier: packets for the client wait in a queue until its next {@code GET} takes them
 * all in one body; a {@code GET} that finds none waits until one comes (the heartbeat brings one within
 * pingInterval). A client that takes nothing for the write timeout while packets wait, or lets more than
 * {@code maxMessageBytes} pile up, is disconnected, so the queue is bounded. Packets carrying stored messages are
 * reported written once the body that carried them went out.
 */
final class PollingCarrier implements EngineSession.Carrier {

    record Queued(String packet, Handover handover) {
    }

    /** A {@code GET} waiting for packets. */
    private record Parked(Response response, Callback callback) {
    }

    private final EngineSession session;
    private final boolean binary;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long queuedChars;
    private Parked parked;
    private ScheduledFuture<?> starving;
    private boolean upgrading;
    private boolean discarded;
    private boolean closing;

    /** {@code binary}: answer in v3's binary payloads (the client did not ask for {@code b64}). */
    PollingCarrier(EngineSession session, boolean binary) {
        this.session = session;
        this.binary = binary;
    }

    @Override
    public boolean send(String packet, Handover handover) {
        Parked take = null;
        boolean overrun = false;
        synchronized (this) {
            if (discarded || closing) {
                return false;
            }
            if (queuedChars + packet.length() > session.config().maxMessageBytes()) {
                closing = true;
                overrun = true;
            } else {
                queue.add(new Queued(packet, handover));
                queuedChars += packet.length();
                take = parked;
                if (take == null && starving == null) {
                    starving = session.timer().schedule(this::starved, session.config().writeTimeoutMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
        }
        if (overrun) {
            overrun();
            return false;
        }
        flush(take);
        return true;
    }

    /** The client fell too far behind: what it was not given goes back, and the socket ends abnormally. */
    private void overrun() {
        returnQueued();
        session.ended(false);
    }

    @Override
    public void push(String packet) {
        send(packet, null);
    }

    /** A {@code GET}: answered now with what waits, or parked until something does. */
    void poll(Response response, Callback callback) {
        Parked mine = new Parked(response, callback);
        Parked take = null;
        boolean overlap = false;
        boolean gone = false;
        synchronized (this) {
            if (discarded || closing) {
                gone = true;
            } else if (parked != null) {
                overlap = true;
            } else {
                parked = mine;
                if (!queue.isEmpty() || upgrading) {
                    take = mine;
                }
            }
        }
        if (take == null && !gone && !overlap) {
            // a poll outlasting the HTTP idle timeout would die unanswered (a ping interval set above it)
            session.timer().schedule(() -> idle(mine), session.config().idleTimeoutMillis() * 2 / 3,
                    TimeUnit.MILLISECONDS);
        }
        if (gone) {
            EnginePolling.error(response, callback, 1, "Session ID unknown");
        } else if (overlap) {
            // two polls at once: engine.io's "overlap from client", which no working client produces
            EnginePolling.error(response, callback, 3, "Bad request: a poll is already waiting");
            session.close(StatusCode.PROTOCOL, "overlapping polls");
        } else {
            flush(take);
        }
    }

    /** The poll still waits with nothing to take: it returns a noop, and the client polls again. */
    private void idle(Parked waiting) {
        synchronized (this) {
            if (parked != waiting || !queue.isEmpty()) {
                return;
            }
            parked = null;
        }
        write(waiting, List.of("6"), Callback.NOOP);
    }

    private void flush(Parked take) {
        if (take == null) {
            return;
        }
        List<Queued> batch;
        boolean last;
        synchronized (this) {
            if (parked != take) {
                return; // another thread flushed it
            }
            parked = null;
            batch = new ArrayList<>(queue);
            queue.clear();
            queuedChars = 0;
            if (starving != null) {
                starving.cancel(false);
                starving = null;
            }
            last = closing;
        }
        List<String> packets = new ArrayList<>(batch.size() + 1);
        batch.forEach(q -> packets.add(q.packet()));
        if (packets.isEmpty() && !last) {
            packets.add("6"); // an upgrade is under way: the client must stop polling to switch
        }
        if (last) {
            packets.add("1");
        }
        write(take, packets, Callback.from(() -> {
            batch.forEach(q -> session.written(true, q.handover()));
            if (last) {
                session.ended(true);
            }
        }, failure -> {
            batch.forEach(q -> session.written(false, q.handover()));
            session.ended(false);
        }));
    }

    private void write(Parked p, List<String> packets, Callback done) {
        p.response().setStatus(HttpStatus.OK_200);
        ByteBuffer body;
        if (binary) {
            p.response().getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            body = ByteBuffer.wrap(EnginePayload.encodeBinary(packets));
        } else {
            p.response().getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
            body = ByteBuffer.wrap(EnginePayload.encode(session.protocol, packets).getBytes(StandardCharsets.UTF_8));
        }
        p.response().write(true, body, Callback.from(() -> {
            done.succeeded();
            p.callback().succeeded();
        }, failure -> {
            done.failed(failure);
            p.callback().failed(failure);
        }));
    }

    /** Packets waited a whole write timeout and no poll came for them. */
    private void starved() {
        synchronized (this) {
            starving = null;
            if (queue.isEmpty() || parked != null || discarded) {
                return;
            }
            closing = true;
        }
        overrun();
    }

    private void returnQueued() {
        List<Queued> left;
        synchronized (this) {
            left = new ArrayList<>(queue);
            queue.clear();
            queuedChars = 0;
        }
        left.forEach(q -> session.written(false, q.handover()));
    }

    /** The client probed a WebSocket: the waiting poll returns empty, and so does any next one. */
    void upgrading() {
        Parked take;
        synchronized (this) {
            upgrading = true;
            take = queue.isEmpty() ? parked : null;
        }
        flush(take);
    }

    /** The WebSocket took over: what waited moves to it, the waiting poll returns empty. */
    List<Queued> discard() {
        Parked take;
        List<Queued> moved;
        synchronized (this) {
            discarded = true;
            moved = new ArrayList<>(queue);
            queue.clear();
            queuedChars = 0;
            take = parked;
            parked = null;
            if (starving != null) {
                starving.cancel(false);
                starving = null;
            }
        }
        if (take != null) {
            write(take, List.of("6"), Callback.NOOP);
        }
        return moved;
    }

    /**
     * The server ends the socket: a waiting poll takes what is queued and the close packet; with none waiting,
     * what is queued never reached the client and goes back.
     */
    @Override
    public void close(int status, String reason) {
        Parked take;
        synchronized (this) {
            if (discarded || closing) {
                return;
            }
            closing = true;
            take = parked;
        }
        if (take != null) {
            flush(take);
        } else {
            returnQueued();
            session.ended(true);
        }
    }
}
