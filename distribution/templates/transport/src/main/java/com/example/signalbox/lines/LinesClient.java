package com.example.signalbox.lines;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.Handovers;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LineReader;
import org.signalbox.api.transport.Peer;

/**
 * One client: a virtual thread reads its lines (each bounded) into its engine connection; answers and
 * notifications are written whole, one at a time. A stored message written to it stays stored until the client
 * stayed the settle window after it or ended cleanly ({@link Handovers}); a failed write or a broken connection
 * gives it back to the store for the next client, so nothing the client did not get is lost.
 *
 * <p>Kept simple for a template: a client that stops reading blocks the threads writing to it. The built-in socket
 * transport adds a write timeout and a probe for data the client left unread; see its SocketConnection.
 */
final class LinesClient implements Peer {

    private static final System.Logger LOG = System.getLogger("Lines");
    /** After the client's EOF, how long the answers to what it sent may take. */
    private static final long DRAIN_MILLIS = 10_000;

    private final Socket socket;
    private final long maxLineBytes;
    private final Handovers handovers;
    private final Consumer<LinesClient> ended;
    private final OutputStream out;
    private Connection connection;
    private boolean closed;

    LinesClient(Socket socket, long maxLineBytes, long settleMillis, Consumer<LinesClient> ended) throws IOException {
        this.socket = socket;
        this.maxLineBytes = maxLineBytes;
        this.handovers = new Handovers(settleMillis);
        this.ended = ended;
        this.out = socket.getOutputStream();
    }

    void start(JsonRpcEngine engine, ConnectionOptions options) {
        connection = engine.open(this, options);
        Thread.ofVirtual().name("lines-" + socket.getRemoteSocketAddress()).start(this::read);
    }

    private void read() {
        boolean clean = false;
        try {
            LineReader reader = new LineReader(socket.getInputStream(), maxLineBytes);
            for (LineReader.Line line = reader.next(); !(line instanceof LineReader.End); line = reader.next()) {
                if (line instanceof LineReader.Text text) {
                    connection.receive(text.value());
                } else if (line instanceof LineReader.TooLong tooLong) {
                    connection.oversized(tooLong.limit());
                }
            }
            clean = connection.drain(DRAIN_MILLIS);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Client went away: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.closed();
            if (clean) {
                handovers.keepAll();
            } else {
                handovers.returnAll();
            }
            close();
        }
    }

    @Override
    public String transport() {
        return "lines";
    }

    @Override
    public boolean local() {
        return socket.getInetAddress().isLoopbackAddress();
    }

    @Override
    public boolean write(String json) {
        return send(json);
    }

    @Override
    public boolean write(String json, Handover handover) {
        return handovers.sent(send(json), handover);
    }

    private synchronized boolean send(String json) {
        if (closed) {
            return false;
        }
        try {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    /** Closes between two lines; what still waits for its settle window goes back to the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing: " + e.getMessage());
        }
        handovers.returnAll();
        ended.accept(this);
    }
}
