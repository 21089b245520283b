package org.signalbox.core.engine.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The one Jackson configuration of the engine, and the input limits it enforces. */
public final class Json {

    /** Deepest nesting accepted in a request; JSON-RPC params never come close. */
    public static final int MAX_NESTING_DEPTH = 256;

    /**
     * Longest string value accepted: a {@code data:} URI attachment is one string, so this equals the default
     * line limit of the transports (64 MiB).
     */
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                // ids like 1.50 or 12345678901234567890123 must come back exactly as sent
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }
}
