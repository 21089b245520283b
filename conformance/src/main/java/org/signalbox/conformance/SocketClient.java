package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code daemon --tcp} or {@code --socket} of the distribution under test as a child process, and one client
 * connection to it that carries the transcript's lines.
 */
final class SocketClient implements Client {

    private static final long CONNECT_MILLIS = 60_000;

    private final Process process;
    private final Path stderr;
    private final SocketChannel channel;
    private final OutputStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean started;
    private final CountDownLatch ended = new CountDownLatch(1);

    SocketClient(ProcessBuilder command, Path stderr, SocketAddress address) throws IOException,
            InterruptedException {
        this.stderr = stderr;
        this.process = command.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        this.channel = connect(address);
        this.out = Channels.newOutputStream(channel);
        Thread.ofPlatform().daemon().name("conformance-socket").start(this::read);
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

    private void read() {
        // not closed here: closing the stream would close the channel, which close() does
        BufferedReader r = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8));
        try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                started = true;
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<<socket failed: " + e.getMessage() + ">>");
        } finally {
            ended.countDown();
        }
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public String next(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<String> remaining() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
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
        return ended.await(millis, TimeUnit.MILLISECONDS) ? 0 : null;
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
