package org.signalbox.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a transcript's session reaches the daemon: stdin/stdout of {@code jsonRpc}, or one client connection to
 * {@code daemon --tcp} or {@code daemon --socket}. The same steps must pass on each.
 */
enum SessionChannel {
    STDIO, TCP, UNIX;

    static final String SOCKET_BUNDLE = "org.signalbox.transport.socket";

    /** Whether a distribution with {@code features} has this channel at all. */
    boolean availableWith(Set<String> features) {
        return this == STDIO || features.contains(SOCKET_BUNDLE);
    }

    /** Why this channel does not replay {@code t}; null if it does. */
    String unsuitable(Transcript t) {
        if (this == STDIO) {
            return null;
        }
        JsonNode session = t.json().get("session");
        if (session == null) {
            return "no session: its command-line runs are the same on every channel";
        }
        if (session.has("args")) {
            return "its session options are jsonRpc's";
        }
        return null;
    }

    /** Starts the daemon for the session; {@code command} is the command line up to the subcommand. */
    Client start(Function<List<String>, ProcessBuilder> process, List<String> command, JsonNode session, Path work,
            StringBuilder log) throws IOException, InterruptedException {
        Path stderr = work.resolve("daemon.stderr");
        switch (this) {
            case STDIO -> {
                command.add("jsonRpc");
                session.path("args").forEach(a -> command.add(a.asText()));
                logged(command, log);
                return new StdioClient(process.apply(command), stderr);
            }
            case TCP -> {
                int port = freePort();
                command.addAll(List.of("daemon", "--tcp", "127.0.0.1:" + port, "--no-receive-stdout"));
                logged(command, log);
                return new SocketClient(process.apply(command), stderr,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            default -> {
                Path socket = work.resolve("daemon.sock");
                command.addAll(List.of("daemon", "--socket", socket.toString(), "--no-receive-stdout"));
                logged(command, log);
                return new SocketClient(process.apply(command), stderr, UnixDomainSocketAddress.of(socket));
            }
        }
    }

    private static void logged(List<String> command, StringBuilder log) {
        log.append("$ ").append(String.join(" ", command.subList(1, command.size()))).append('\n');
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The name in suite names and on the command line. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
