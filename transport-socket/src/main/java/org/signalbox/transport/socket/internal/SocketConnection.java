package org.signalbox.transport.socket.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.Handovers;
import org.signalbox.api.transport.LineReader;
import org.signalbox.api.transport.Peer;

/**
 * One client of a socket transport: a virtual thread reads its lines into its connection (the engine's, or a
 * dialect's); what comes back is written whole, one at a time, so closing between two writes never cuts a line.
 *
 * <p>A client that makes no progress taking a line for the write timeout is disconnected, so it cannot hold up
 * the threads that deliver to everyone else; a slow but steady reader is not. Stored messages written to the
 * client stay stored until the connection has lasted the settle window or ended cleanly; a reset (Linux's
 * answer to a close with unread data), a failed write or a stall returns them for the next client
 * ({@link Handovers}).
 */
final class SocketConnection implements Peer {

    private static final System.Logger LOG = System.getLogger("Socket");
    /** After the client's EOF, how long answers to what it sent may take before the socket closes. */
    private static final long DRAIN_MILLIS = 10_000;
    /**
     * After a clean end, how long a reset may take to come back: a text that reached the client after it
     * closed is answered with one, which only a later send can see. A loopback reset is back at once; one from
     * elsewhere takes a round trip.
     */
    private static final long RESET_MILLIS = 50;
    private static final long REMOTE_RESET_MILLIS = 1_000;
    /** Written in pieces this large, so that progress of a slow reader is seen between them. */
    private static final int PIECE = 64 * 1024;
    private static final long POLL_MILLIS = 200;

    private final SocketChannel channel;
    private final String remote;
    private final boolean local;
    private final boolean tcp;
    private final long maxLineBytes;
    private final Consumer<SocketConnection> ended;
    private final Connection connection;
    private final long writeTimeoutMillis;
    private final long settleMillis;
    private final Handovers handovers;
    private final ExecutorService writer;
    private volatile long progress;
    private boolean closing;
    private boolean closed;

    /** @param dialect opens the connection that reads this client's lines and writes to it (JSON-RPC, legacy) */
    SocketConnection(SocketChannel channel, Function<Peer, Connection> dialect, long maxLineBytes,
            long writeTimeoutMillis, long settleMillis, Consumer<SocketConnection> ended) throws IOException {
        this.channel = channel;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.settleMillis = settleMillis;
        this.handovers = new Handovers(settleMillis);
        this.writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("write-" + channel.getRemoteAddress())
                .factory());
        this.remote = String.valueOf(channel.getRemoteAddress());
        this.tcp = channel.getRemoteAddress() instanceof InetSocketAddress;
        this.local = !(channel.getRemoteAddress() instanceof InetSocketAddress inet)
                || inet.getAddress().isLoopbackAddress(); // a UNIX socket is local by nature
        this.maxLineBytes = maxLineBytes;
        this.ended = ended;
        this.connection = dialect.apply(this);
    }

    void start() {
        Thread.ofVirtual().name("socket-" + remote).start(this::read);
    }

    private void read() {
        boolean clean = false;
        try {
            LineReader reader = new LineReader(Channels.newInputStream(channel), maxLineBytes);
            for (LineReader.Line line = reader.next(); !(line instanceof LineReader.End); line = reader.next()) {
                if (line instanceof LineReader.Text t) {
                    connection.receive(t.value());
                } else if (line instanceof LineReader.TooLong tooLong) {
                    connection.oversized(tooLong.limit());
                }
            }
            clean = true;
            connection.drain(DRAIN_MILLIS);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Client " + remote + " went away: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.closed(); // nothing more is written to it
            if (clean && receivedAll()) {
                handovers.keepAll();
            } else {
                handovers.returnAll();
            }
            close();
        }
    }

    /**
     * After a clean end: whether the client also read what came last. A client that closed with unread data
     * would have reset instead; only a text that reached it after its close is in doubt, and that one was
     * answered with a reset, which a send of an urgent byte (invisible to readers) now meets. UNIX sockets need
     * no probe: a write after the client's close fails at once.
     */
    private boolean receivedAll() {
        synchronized (this) {
            if (closing) {
                return true; // it saw our end after everything we wrote, and closed without a reset
            }
        }
        if (!tcp || !handovers.pending()) {
            return true;
        }
        try {
            Thread.sleep(local ? RESET_MILLIS : REMOTE_RESET_MILLIS);
            channel.socket().sendUrgentData(0);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String transport() {
        return "socket";
    }

    @Override
    public boolean local() {
        return local;
    }

    @Override
    public boolean write(String json) {
        return send(json);
    }

    @Override
    public boolean write(String json, Handover handover) {
        return handovers.sent(send(json), handover);
    }

    private boolean send(String json) {
        ByteBuffer line = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (closed || closing) {
                return false;
            }
            progress = System.nanoTime();
            Future<?> written = writer.submit(() -> {
                while (line.hasRemaining()) {
                    ByteBuffer piece = line.slice(line.position(), Math.min(PIECE, line.remaining()));
                    line.position(line.position() + channel.write(piece));
                    progress = System.nanoTime();
                }
                return null;
            });
            try {
                while (true) {
                    try {
                        written.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        return true;
                    } catch (TimeoutException e) {
                        if (System.nanoTime() - progress > TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis)) {
                            LOG.log(System.Logger.Level.WARNING, "Disconnecting " + remote + ": it took no data for "
                                    + writeTimeoutMillis + " ms");
                            abort();
                            return false;
                        }
                    }
                }
            } catch (ExecutionException e) {
                abort();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
                return false;
            }
        }
    }

    /**
     * Ends the connection after the line being written, if any. With stored messages still in their window the
     * client is given that long to finish reading: it gets EOF at once, and its answer (an end, or a reset if it
     * left data unread) decides.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            if (!handovers.pending()) {
                abort();
                return;
            }
            closing = true;
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                abort();
                return;
            }
        }
        CompletableFuture.delayedExecutor(settleMillis, TimeUnit.MILLISECONDS).execute(this::forceClose);
    }

    private synchronized void forceClose() {
        if (!closed) {
            abort();
        }
    }

    /** Closes at once; what still waits for its window goes back to the store. */
    private synchronized void abort() {
        if (closed) {
            return;
        }
        closed = true;
        writer.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + remote + ": " + e.getMessage());
        }
        connection.closed();
        handovers.returnAll();
        ended.accept(this);
    }
}
