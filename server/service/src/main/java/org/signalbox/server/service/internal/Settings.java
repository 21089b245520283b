package org.signalbox.server.service.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The server's settings, from {@link ServerConfig} or built directly by tests. */
record Settings(String host, int port, Path dataDir, String registrationToken, int preKeysLowLimit,
        int preKeysRequested, Duration preKeysCheck, Duration certificateLifetime, int maxFrameBytes,
        int deliveryWindow, Limits limits, Relays relays) {

    /** The TURN servers calls may use, and the secret they share with this server; no uris: none. */
    record Relays(List<String> uris, String secret, Duration lifetime) {

        static final Relays NONE = new Relays(List.of(), "", Duration.ofDays(1));

        Relays {
            uris = List.copyOf(uris);
            if (!uris.isEmpty() && secret.isEmpty()) {
                throw new IllegalArgumentException("org.signalbox.server: turnUris need turnSecret, the secret "
                        + "the TURN server checks credentials with");
            }
        }
    }

    static final int DEFAULT_PORT = 15380;
    /** The seed's LowPreKeysLimit. */
    static final int DEFAULT_LOW_LIMIT = 10;
    /** The seed's CheckPreKeysInterval (5 minutes). */
    static final long DEFAULT_CHECK_MILLIS = 300_000;
    static final int DEFAULT_CERTIFICATE_HOURS = 24;
    /** Room for a sealed message carrying a small inline attachment, plus overhead. */
    static final int DEFAULT_MAX_FRAME = 1 << 20;
    static final int DEFAULT_WINDOW = 256;

    static Settings of(ServerConfig c) {
        if (c.dataDir() == null || c.dataDir().isBlank()) {
            throw new IllegalArgumentException("org.signalbox.server: dataDir is required");
        }
        return new Settings(c.host(), c.port(), Path.of(c.dataDir()), c.registrationToken(), c.preKeysLowLimit(),
                c.preKeysRequested(), Duration.ofMillis(c.preKeysCheckMillis()),
                Duration.ofHours(c.certificateHours()), c.maxFrameBytes(), c.deliveryWindow(), Limits.of(c),
                new Relays(List.of(c.turnUris()), c.turnSecret(), Duration.ofSeconds(c.turnTtlSeconds())));
    }

    static Settings defaults(Path dataDir) {
        return new Settings("127.0.0.1", DEFAULT_PORT, dataDir, "", DEFAULT_LOW_LIMIT, 2 * DEFAULT_LOW_LIMIT,
                Duration.ofMillis(DEFAULT_CHECK_MILLIS), Duration.ofHours(DEFAULT_CERTIFICATE_HOURS),
                DEFAULT_MAX_FRAME, DEFAULT_WINDOW, Limits.DEFAULTS, Relays.NONE);
    }

    Settings withPort(int p) {
        return new Settings(host, p, dataDir, registrationToken, preKeysLowLimit, preKeysRequested, preKeysCheck,
                certificateLifetime, maxFrameBytes, deliveryWindow, limits, relays);
    }

    Settings withPreKeys(int limit, int requested, Duration check) {
        return new Settings(host, port, dataDir, registrationToken, limit, requested, check, certificateLifetime,
                maxFrameBytes, deliveryWindow, limits, relays);
    }

    Settings withRegistrationToken(String token) {
        return new Settings(host, port, dataDir, token, preKeysLowLimit, preKeysRequested, preKeysCheck,
                certificateLifetime, maxFrameBytes, deliveryWindow, limits, relays);
    }

    Settings withLimits(Limits l) {
        return new Settings(host, port, dataDir, registrationToken, preKeysLowLimit, preKeysRequested, preKeysCheck,
                certificateLifetime, maxFrameBytes, deliveryWindow, l, relays);
    }

    Settings withRelays(Relays r) {
        return new Settings(host, port, dataDir, registrationToken, preKeysLowLimit, preKeysRequested, preKeysCheck,
                certificateLifetime, maxFrameBytes, deliveryWindow, limits, r);
    }
}
