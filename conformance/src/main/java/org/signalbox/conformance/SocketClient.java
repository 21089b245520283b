package org.signalbox.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code daemon --tcp} or {@code --socket} of the distribution under test as a child process, and one client
 * connection to it that carries the transcript's lines.
 */
final class SocketClient extends LineClient {

    private static final long CONNECT_MILLIS = 60_000;

    private final Process process;
    private final Path stderr;
    private final SocketChannel channel;
    private final OutputStream out;
    private final CountDownLatch closedByDaemon = new CountDownLatch(1);

    SocketClient(ProcessBuilder command, Path stderr, SocketAddress address) throws IOException,
            InterruptedException {
        this.stderr = stderr;
        this.process = command.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        this.channel = connect(address);
        this.out = Channels.newOutputStream(channel);
        readFrom(Channels.newInputStream(channel), "socket");
    }

    /** Connects as soon as the daemon listens; gives up if it dies or does not listen within a minute. */
    private SocketChannel connect(SocketAddress address) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + CONNECT_MILLIS;
        while (true) {
            try {
                return SocketChannel.open(address);
            } catch (IOException e) { // refused, or no socket file yet
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("the daemon did not listen on " + address + ": "
                            + (Files.exists(stderr) ? Files.readString(stderr).strip() : e.getMessage()));
                }
                Thread.sleep(100);
            }
        }
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
    public Path stderr() {
        return stderr;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
