package org.signalbox.transport.socket.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.LineReader;
import org.signalbox.api.transport.Peer;

/**
 * One client of a socket transport: a virtual thread reads its lines into its connection (the engine's, or a
 * dialect's); what comes back is written whole, one at a time, so closing between two writes never cuts a line. A client that
 * does not take a line within the write timeout is disconnected, so it cannot hold up the threads that deliver
 * to everyone else; that write reports failure, and a message nobody took stays stored.
 */
final class SocketConnection implements Peer {

    private static final System.Logger LOG = System.getLogger("Socket");
    /** After the client's EOF, how long answers to what it sent may take before the socket closes. */
    private static final long DRAIN_MILLIS = 10_000;

    private final SocketChannel channel;
    private final String remote;
    private final boolean local;
    private final long maxLineBytes;
    private final Consumer<SocketConnection> ended;
    private final Connection connection;
    private final long writeTimeoutMillis;
    private final ExecutorService writer;
    private boolean closed;

    /** @param dialect opens the connection that reads this client's lines and writes to it (JSON-RPC, legacy) */
    SocketConnection(SocketChannel channel, Function<Peer, Connection> dialect, long maxLineBytes,
            long writeTimeoutMillis, Consumer<SocketConnection> ended) throws IOException {
        this.channel = channel;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("write-" + channel.getRemoteAddress())
                .factory());
        this.remote = String.valueOf(channel.getRemoteAddress());
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
        try {
            LineReader reader = new LineReader(Channels.newInputStream(channel), maxLineBytes);
            for (LineReader.Line line = reader.next(); !(line instanceof LineReader.End); line = reader.next()) {
                if (line instanceof LineReader.Text t) {
                    connection.receive(t.value());
                } else if (line instanceof LineReader.TooLong tooLong) {
                    connection.oversized(tooLong.limit());
                }
            }
            connection.drain(DRAIN_MILLIS);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Client " + remote + " went away: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
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
        ByteBuffer line = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (closed) {
                return false;
            }
            Future<?> written = writer.submit(() -> {
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                return null;
            });
            try {
                written.get(writeTimeoutMillis, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "Disconnecting " + remote + ": it took no data for "
                        + writeTimeoutMillis + " ms");
                closeLocked();
                return false;
            } catch (ExecutionException e) {
                closeLocked();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeLocked();
                return false;
            }
        }
    }

    /** Ends the connection after the line being written, if any. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeLocked();
        }
    }

    private void closeLocked() {
        closed = true;
        writer.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + remote + ": " + e.getMessage());
        }
        connection.closed();
        ended.accept(this);
    }
}
