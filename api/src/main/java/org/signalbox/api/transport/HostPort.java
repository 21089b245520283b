package org.signalbox.api.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * A TCP address as users write it: {@code HOST:PORT}, {@code :PORT} or {@code [v6]:PORT}; an empty host or
 * {@code localhost} is {@code 127.0.0.1}. For {@link TransportKind#configuration} of TCP-bound kinds.
 */
public record HostPort(String host, int port) {

    /** @throws IllegalArgumentException naming the text when it is not an address */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected HOST:PORT, got '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port out of range in '" + text + "'");
        }
        return new HostPort(host.isEmpty() || host.equals("localhost") ? "127.0.0.1" : host, port);
    }

    /** {@code host} and {@code port} as configuration properties. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("host", host);
        p.put("port", port);
        return p;
    }
}
