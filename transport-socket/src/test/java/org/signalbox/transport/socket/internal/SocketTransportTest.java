package org.signalbox.transport.socket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.api.session.Session;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Peer;

/**
 * The socket transport over real TCP and UNIX domain sockets, with an engine that answers every line with
 * {@code {"echo": line}}: framing, concurrent clients, limits and shutdown, not JSON-RPC.
 */
class SocketTransportTest {

    @TempDir
    Path dir;

    private final List<String> oversized = new CopyOnWriteArrayList<>();
    private final List<ConnectionOptions> opened = new CopyOnWriteArrayList<>();
    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    private SocketTransport transport;

    private final JsonRpcEngine echo = new JsonRpcEngine() {
        @Override
        public LocalClient client(LocalPeer peer, ConnectionOptions options) {
            throw new UnsupportedOperationException("this transport's clients speak text");
        }

        @Override
        public Connection open(Peer peer, ConnectionOptions options) {
            opened.add(options);
            peers.add(peer);
            return new Connection() {
                @Override
                public void receive(String text) {
                    // answered from another thread while the transport's reader waits for the next line, as the
                    // engine answers
                    Thread.startVirtualThread(() -> {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                        peer.write("{\"echo\":\"" + text.replace("\"", "'") + "\"}");
                    });
                }

                @Override
                public void oversized(long limit) {
                    oversized.add("limit " + limit);
                    peer.write("{\"error\":\"too long\"}");
                }

                @Override
                public boolean drain(long millis) {
                    return true;
                }

                @Override
                public void closed() {
                }

                @Override
                public Session session() {
                    return null;
                }
            };
        }
    };

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.stop();
        }
    }

    static SocketConfig config(Map<String, Object> values) {
        return (SocketConfig) Proxy.newProxyInstance(SocketConfig.class.getClassLoader(),
                new Class<?>[] {SocketConfig.class}, (proxy, method, args) -> values.getOrDefault(method.getName(),
                        method.getDefaultValue()));
    }

    @Test
    void tcpClientsEachGetTheirOwnAnswersLineByLine() throws Exception {
        transport = new SocketTransport(config(Map.of("port", 0, "account", "+15550001111")), echo);
        assertThat(transport.name()).startsWith("tcp:127.0.0.1:");
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        try (SocketChannel a = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                SocketChannel b = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            send(a, "one\r\ntwo\n");
            send(b, "three\n");
            BufferedReader ra = reader(a);
            BufferedReader rb = reader(b);
            assertThat(rb.readLine()).isEqualTo("{\"echo\":\"three\"}");
            assertThat(List.of(ra.readLine(), ra.readLine())).containsExactlyInAnyOrder("{\"echo\":\"one\"}",
                    "{\"echo\":\"two\"}");
            await().until(() -> transport.connections() == 2);
        }
        assertThat(opened).allSatisfy(o -> {
            assertThat(o.account()).contains("+15550001111");
            assertThat(o.automaticReceive()).isTrue();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.connections() == 0);
    }

    @Test
    void aLineOverTheLimitIsReportedAndTheNextOneServed() throws Exception {
        transport = new SocketTransport(config(Map.of("port", 0, "maxLineBytes", 100L, "receiveMode", "manual")),
                echo);
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            send(c, "x".repeat(100_000) + "\nafter\n");
            BufferedReader r = reader(c);
            assertThat(r.readLine()).isEqualTo("{\"error\":\"too long\"}");
            assertThat(r.readLine()).isEqualTo("{\"echo\":\"after\"}");
        }
        assertThat(oversized).containsExactly("limit 100");
        assertThat(opened).singleElement().satisfies(o -> assertThat(o.automaticReceive()).isFalse());
    }

    @Test
    void unixSocketInAPrivateFolderIsRemovedOnStop() throws Exception {
        Path socket = dir.resolve("run/signalbox/socket");
        transport = new SocketTransport(config(Map.of("kind", "unix", "path", socket.toString())), echo);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            send(c, "hello\n");
            BufferedReader r = reader(c);
            assertThat(r.readLine()).isEqualTo("{\"echo\":\"hello\"}");
            transport.stop();
            transport = null;
            assertThat(r.readLine()).as("a stopped transport closes its clients: EOF, no half line").isNull();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveOneIsNot() throws Exception {
        Path socket = Files.createFile(dir.resolve("socket")); // left behind by a process that died
        transport = new SocketTransport(config(Map.of("kind", "unix", "path", socket.toString())), echo);
        assertThat(new SocketTransport(config(Map.of("kind", "unix", "path", socket.toString())), echo).failure())
                .hasValueSatisfying(f -> assertThat(f).contains("Another process is listening on"));
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            send(c, "first still served\n");
            assertThat(reader(c).readLine()).isEqualTo("{\"echo\":\"first still served\"}");
        }
    }

    @Test
    void aClientThatLeavesMidRequestDoesNotDisturbOthers() throws Exception {
        transport = new SocketTransport(config(Map.of("port", 0)), echo);
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        try (SocketChannel stays = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            try (SocketChannel leaves = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                send(leaves, "{\"jsonrpc\":\"2.0\",\"method\":\"vers"); // no newline: half a request
            }
            send(stays, "still here\n");
            assertThat(reader(stays).readLine()).isEqualTo("{\"echo\":\"still here\"}");
        }
    }

    @Test
    void anInstanceThatCannotStartSaysWhy() throws Exception {
        assertThat(new SocketTransport(config(Map.of("kind", "udp")), echo).failure()).hasValueSatisfying(
                f -> assertThat(f).contains("kind must be tcp or unix"));
        assertThat(new SocketTransport(config(Map.of("port", 0, "receiveMode", "sometimes")), echo).failure())
                .hasValueSatisfying(f -> assertThat(f).contains("receiveMode"));
        transport = new SocketTransport(config(Map.of("port", 0)), echo);
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        SocketTransport second = new SocketTransport(config(Map.of("port", port)), echo);
        assertThat(second.state()).isEqualTo(org.signalbox.api.transport.Transport.State.FAILED);
        assertThat(second.failure()).hasValueSatisfying(f -> assertThat(f).containsIgnoringCase("in use"));
        second.stop();
        assertThat(transport.state()).isEqualTo(org.signalbox.api.transport.Transport.State.RUNNING);
    }

    /** Nothing is bound beyond loopback here: the refusal comes before the socket is opened. */
    @Test
    void aBindBeyondLoopbackNeedsAllowRemote() {
        SocketTransport open = new SocketTransport(config(Map.of("host", "0.0.0.0", "port", 0)), echo);
        assertThat(open.state()).isEqualTo(org.signalbox.api.transport.Transport.State.FAILED);
        assertThat(open.failure()).hasValueSatisfying(f -> assertThat(f).contains("no authentication")
                .contains("allowRemote=true"));
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedInsteadOfHoldingUpOthers() throws Exception {
        transport = new SocketTransport(config(Map.of("port", 0, "writeTimeoutMillis", 500L)), echo);
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        try (SocketChannel stalled = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                SocketChannel reading = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            await().until(() -> peers.size() == 2);
            String big = "{\"x\":\"" + "y".repeat(256 * 1024) + "\"}";
            // one thread writes to every client in turn, as the engine publishes a notification
            long start = System.nanoTime();
            boolean toStalled = true;
            for (int i = 0; i < 200 && toStalled; i++) {
                toStalled = peers.get(0).write(big);
            }
            assertThat(toStalled).as("writes to a client that reads nothing fail once its buffers are full")
                    .isFalse();
            assertThat(peers.get(1).write("{\"for\":\"the reader\"}")).isTrue();
            assertThat(reader(reading).readLine()).isEqualTo("{\"for\":\"the reader\"}");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(peers.get(0).write("{}")).as("the stalled client is gone").isFalse();
            await().until(() -> transport.connections() == 1);
        }
    }

    @Test
    void aSlowButSteadyReaderOfAHugeLineIsNotCutOff() throws Exception {
        // the kernel wakes a blocked writer only once a good part of its buffer drained, so the timeout is not tiny
        transport = new SocketTransport(config(Map.of("port", 0, "writeTimeoutMillis", 3000L)), echo);
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        try (SocketChannel slow = SocketChannel.open()) {
            slow.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            slow.connect(new InetSocketAddress("127.0.0.1", port));
            await().until(() -> peers.size() == 1);
            int size = 24 * 1024 * 1024;
            String huge = "{\"x\":\"" + "y".repeat(size) + "\"}";
            java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
            Thread reader = Thread.ofVirtual().start(() -> {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(128 * 1024);
                try {
                    while (read.get() < size + 9) {
                        b.clear();
                        int n = slow.read(b);
                        if (n < 0) {
                            return;
                        }
                        read.addAndGet(n);
                        Thread.sleep(50); // about 2.5 MB/s: the line takes seconds, far beyond the timeout
                    }
                } catch (Exception e) {
                    // the test below sees what was read
                }
            });
            long start = System.nanoTime();
            assertThat(peers.get(0).write(huge)).as("progress, however slow, is no timeout").isTrue();
            reader.join(Duration.ofSeconds(60));
            assertThat(read.get()).isEqualTo(size + 9);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it really was slow")
                    .isGreaterThan(Duration.ofSeconds(4));
        }
    }

    /** Records what a transport decided about a text carrying stored messages. */
    private static final class Decision implements org.signalbox.api.session.Handover {
        final java.util.concurrent.CompletableFuture<String> fate = new java.util.concurrent.CompletableFuture<>();

        @Override
        public void kept() {
            fate.complete("kept");
        }

        @Override
        public void returned() {
            fate.complete("returned");
        }

        String await() throws Exception {
            return fate.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void storedMessagesAreReturnedByClientsThatLeaveUnreadAndKeptByReaders() throws Exception {
        transport = new SocketTransport(config(Map.of("port", 0, "settleMillis", 1000L)), echo);
        int port = Integer.parseInt(transport.name().substring(transport.name().lastIndexOf(':') + 1));
        String line = "{\"method\":\"receive\"}";

        Decision unread = new Decision();
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            await().until(() -> peers.size() == 1);
            assertThat(peers.get(0).write(line, unread)).isTrue();
            Thread.sleep(300);
        } // closed with the line unread: a reset
        assertThat(unread.await()).isEqualTo("returned");

        Decision readThenClosed = new Decision();
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            await().until(() -> peers.size() == 2);
            assertThat(peers.get(1).write(line, readThenClosed)).isTrue();
            assertThat(reader(c).readLine()).isEqualTo(line);
        } // closed at once after reading: inside the window, yet clean
        assertThat(readThenClosed.await()).isEqualTo("kept");

        Decision stays = new Decision();
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            await().until(() -> peers.size() == 3);
            long start = System.nanoTime();
            assertThat(peers.get(2).write(line, stays)).isTrue();
            assertThat(stays.await()).as("the connection lasted the window").isEqualTo("kept");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }

        Decision afterEnd = new Decision();
        assertThat(peers.get(0).write(line, afterEnd)).isFalse();
        assertThat(afterEnd.await()).isEqualTo("returned");
    }

    @Test
    void aUnixClientThatLeavesUnreadReturnsWhatItWasGiven() throws Exception {
        Path socket = dir.resolve("s/socket");
        transport = new SocketTransport(config(Map.of("kind", "unix", "path", socket.toString())), echo);
        Decision unread = new Decision();
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            await().until(() -> peers.size() == 1);
            assertThat(peers.get(0).write("{\"method\":\"receive\"}", unread)).isTrue();
            Thread.sleep(200);
        }
        assertThat(unread.await()).isEqualTo("returned");
        Decision read = new Decision();
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            await().until(() -> peers.size() == 2);
            assertThat(peers.get(1).write("{\"method\":\"receive\"}", read)).isTrue();
            assertThat(reader(c).readLine()).contains("receive");
        }
        assertThat(read.await()).isEqualTo("kept");
    }

    private static void send(SocketChannel c, String text) throws Exception {
        OutputStream out = Channels.newOutputStream(c);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static BufferedReader reader(SocketChannel c) {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
    }
}
