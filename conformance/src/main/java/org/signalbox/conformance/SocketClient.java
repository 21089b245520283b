package org.signalbox.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A client of {@code daemon --tcp} or {@code --socket}: one line each way per JSON value. */
final class SocketClient extends DaemonClient {

    private final SocketChannel channel;
    private final OutputStream out;
    private final CountDownLatch closedByDaemon = new CountDownLatch(1);

    SocketClient(ProcessBuilder command, Path stderr, SocketAddress address) throws IOException,
            InterruptedException {
        super(command, stderr);
        this.channel = whenListening(address, () -> SocketChannel.open(address));
        this.out = Channels.newOutputStream(channel);
        readFrom(Channels.newInputStream(channel), "socket");
    }

    @Override
    void ended() {
        closedByDaemon.countDown();
    }

    @Override
    public void send(String line) throws IOException {
        writeLine(out, line);
    }

    @Override
    public void closeInput() throws IOException {
        if (channel.isOpen() && channel.isConnected()) {
            try {
                channel.shutdownOutput();
            } catch (java.nio.channels.ClosedChannelException e) {
                // closed already: the daemon ended the session first
            }
        }
    }

    @Override
    public Integer waitFor(long millis) throws InterruptedException {
        return closedByDaemon.await(millis, TimeUnit.MILLISECONDS) ? 0 : null;
    }

    @Override
    void disconnect() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
