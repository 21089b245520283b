package org.signalbox.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * {@code daemon --tcp}, {@code daemon --socket} or {@code daemon --http} (a WebSocket, or one POST per line). The
 * same steps must pass on each.
 */
enum SessionChannel {
    STDIO, TCP, UNIX, WS, HTTP, LEGACY;

    private static final Set<String> SUBSCRIBING = Set.of("subscribeReceive", "unsubscribeReceive",
            "subscribeCallEvents", "unsubscribeCallEvents");

    /**
     * The transport kind this channel's daemon option starts, if any: whichever bundle serves it (the built-in
     * socket and HTTP bundles, or a third-party one standing in for them).
     */
    String kind() {
        return switch (this) {
            case STDIO -> null;
            case TCP -> "tcp";
            case UNIX -> "unix";
            case LEGACY -> "legacy";
            case WS, HTTP -> "http";
        };
    }

    /** Whether a distribution whose bundles serve {@code kinds} has this channel at all. */
    boolean availableWith(Set<String> kinds) {
        return kind() == null || kinds.contains(kind());
    }

    /** Why this channel does not replay {@code t}; null if it does. */
    String unsuitable(Transcript t) {
        JsonNode session = t.json().get("session");
        boolean legacy = session != null && "legacy".equals(session.path("transport").asText());
        if (legacy != (this == LEGACY)) {
            return legacy ? "a legacy-dialect session: replayed on the legacy channel"
                    : "not a legacy-dialect session";
        }
        if (this == STDIO || this == LEGACY) {
            return null;
        }
        if (session == null) {
            return "no session: its command-line runs are the same on every channel";
        }
        if (session.has("args")) {
            return "its session options are jsonRpc's";
        }
        return this == HTTP ? unsuitableForPost(t) : null;
    }

    /** Plain HTTP has no lasting connection: no notifications, no subscriptions, a body is not a line. */
    private static String unsuitableForPost(Transcript t) {
        for (JsonNode step : t.json().path("steps")) {
            if (step.has("sendRaw")) {
                return "it sends raw lines; an HTTP body is one JSON value, not a line";
            }
            if (SUBSCRIBING.contains(step.path("send").path("method").asText())) {
                return "subscriptions need a lasting connection";
            }
            List<JsonNode> expected = new java.util.ArrayList<>();
            expected.add(step.path("expect"));
            step.path("expectUnordered").forEach(expected::add);
            for (JsonNode e : expected) {
                if (e.has("method") && !e.has("id")) {
                    return "it expects notifications, which plain HTTP cannot deliver";
                }
            }
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
            case LEGACY -> {
                int port = freePort();
                command.addAll(List.of("daemon", "--legacy-socket", "127.0.0.1:" + port, "--no-receive-stdout"));
                logged(command, log);
                return new SocketClient(process.apply(command), stderr,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            case WS, HTTP -> {
                int port = freePort();
                command.addAll(List.of("daemon", "--http", "127.0.0.1:" + port, "--no-receive-stdout"));
                logged(command, log);
                URI base = URI.create("http://127.0.0.1:" + port);
                return this == WS ? new WebSocketClient(process.apply(command), stderr, URI.create("ws://127.0.0.1:"
                        + port + "/api/v1/ws")) : new HttpPostClient(process.apply(command), stderr,
                                base.resolve("/api/v1/rpc"));
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
