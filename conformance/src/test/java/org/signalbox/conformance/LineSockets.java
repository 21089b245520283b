package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A test's side of line-framed JSON-RPC over a socket. */
final class LineSockets {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LineSockets() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Connects once something listens, trying for {@code wait}. */
    static SocketChannel connect(SocketAddress address, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return SocketChannel.open(address);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    static void write(SocketChannel c, String line) throws IOException {
        OutputStream out = Channels.newOutputStream(c);
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static BufferedReader reader(SocketChannel c) {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
    }

    /** The answer with {@code id}; notifications before it are skipped. */
    static JsonNode answer(BufferedReader in, int id) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonNode n = MAPPER.readTree(line);
            if (n.path("id").asInt(-1) == id) {
                return n;
            }
        }
        throw new AssertionError("the connection ended before answer " + id);
    }

    /** The next {@code receive} notification. */
    static JsonNode notification(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonNode n = MAPPER.readTree(line);
            if ("receive".equals(n.path("method").asText())) {
                return n;
            }
        }
        throw new AssertionError("the connection ended before a notification");
    }
}
