package org.signalbox.core.engine.internal;

/** {@link EngineConfig} as values, with the defaults for engines made without configuration. */
record EngineLimits(int maxRequestsInFlight, long maxBytesInFlight, int maxBatch, int maxArrayItems) {

    static final int DEFAULT_IN_FLIGHT = 128;
    static final long DEFAULT_BYTES_IN_FLIGHT = 16L << 20;
    static final int DEFAULT_BATCH = 1_000;
    static final int DEFAULT_ARRAY_ITEMS = 10_000;
    static final EngineLimits DEFAULTS = new EngineLimits(DEFAULT_IN_FLIGHT, DEFAULT_BYTES_IN_FLIGHT, DEFAULT_BATCH,
            DEFAULT_ARRAY_ITEMS);

    static EngineLimits of(EngineConfig c) {
        return new EngineLimits(Math.max(1, c.maxRequestsInFlight()), Math.max(1, c.maxBytesInFlight()),
                Math.max(1, c.maxBatch()), Math.max(1, c.maxArrayItems()));
    }
}
