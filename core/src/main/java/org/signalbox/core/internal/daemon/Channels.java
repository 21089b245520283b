package org.signalbox.core.internal.daemon;

import java.nio.file.Path;
import java.util.Hashtable;

/**
 * signal-cli's daemon channels as transport configurations: {@code --socket[=PATH]}, {@code --tcp[=HOST:PORT]}
 * and {@code --http[=HOST:PORT]} with signal-cli's defaults.
 */
public final class Channels {

    /** The socket transport's factory PID, and its bundle. */
    public static final String SOCKET_PID = "org.signalbox.transport.socket";
    public static final String SOCKET_BUNDLE = "org.signalbox.transport.socket";
    /** The legacy socket dialect's factory PID (in the socket bundle). */
    public static final String LEGACY_PID = "org.signalbox.transport.legacy";
    /** The HTTP/WebSocket transport's factory PID, and its bundle. */
    public static final String HTTP_PID = "org.signalbox.transport.http";
    public static final String HTTP_BUNDLE = "org.signalbox.transport.websocket";

    private Channels() {
    }

    /** {@code $XDG_RUNTIME_DIR/signalbox/socket}, else a private folder of this user in the temporary directory. */
    static Path defaultSocket() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path base = runtime != null && !runtime.isBlank() ? Path.of(runtime).resolve("signalbox")
                : Path.of(System.getProperty("java.io.tmpdir"), "signalbox-" + System.getProperty("user.name"));
        return base.resolve("socket");
    }

    public static Hashtable<String, Object> unix(Path path) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("kind", "unix");
        p.put("path", path.toAbsolutePath().toString());
        return p;
    }

    /** A TCP instance of the socket transport at {@code HOST:PORT} (see {@link #address}). */
    public static Hashtable<String, Object> tcp(String hostPort) {
        Hashtable<String, Object> p = address(hostPort);
        p.put("kind", "tcp");
        return p;
    }

    /**
     * {@code host} and {@code port} of any TCP-bound transport from {@code HOST:PORT}, {@code :PORT} or
     * {@code [v6]:PORT}; an empty host means localhost.
     */
    public static Hashtable<String, Object> address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Expected HOST:PORT, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected HOST:PORT, got '" + hostPort + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port out of range in '" + hostPort + "'");
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("host", host.isEmpty() || host.equals("localhost") ? "127.0.0.1" : host);
        p.put("port", port);
        return p;
    }
}
