package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class PatternsTest {

    private final Map<String, JsonNode> vars = new HashMap<>();
    private final Patterns patterns = new Patterns(vars);

    @Test
    void objectsMatchExactlyUnlessExtraIsAllowed() {
        assertThat(patterns.mismatch(json("{\"a\":1}"), json("{\"a\":1}"))).isNull();
        assertThat(patterns.mismatch(json("{\"a\":1}"), json("{\"a\":1,\"b\":2}"))).contains("unexpected member 'b'");
        assertThat(patterns.mismatch(json("{\"a\":1,\"$extra\":true}"), json("{\"a\":1,\"b\":2}"))).isNull();
        assertThat(patterns.mismatch(json("{\"a\":1}"), json("{}"))).contains("member 'a' missing");
    }

    @Test
    void numbersCompareByExactText() {
        assertThat(patterns.mismatch(json("1.50"), json("1.50"))).isNull();
        assertThat(patterns.mismatch(json("1.5"), json("1.50"))).isNotNull();
        assertThat(patterns.mismatch(json("12345678901234567890123"), json("12345678901234567890123"))).isNull();
        assertThat(patterns.mismatch(json("1"), json("\"1\""))).isNotNull();
    }

    @Test
    void directives() {
        assertThat(patterns.mismatch(json("{\"$type\":\"integer\"}"), json("5"))).isNull();
        assertThat(patterns.mismatch(json("{\"$type\":\"integer\"}"), json("5.5"))).isNotNull();
        assertThat(patterns.mismatch(json("{\"$regex\":\"a.c\"}"), json("\"abc\""))).isNull();
        assertThat(patterns.mismatch(json("{\"$regex\":\"a.c\"}"), json("\"abcd\""))).isNotNull();
        assertThat(patterns.mismatch(json("{\"$contains\":[2]}"), json("[1,2,3]"))).isNull();
        assertThat(patterns.mismatch(json("{\"$contains\":[4]}"), json("[1,2,3]"))).isNotNull();
        assertThat(patterns.mismatch(json("{\"$any\":true}"), json("null"))).isNull();
    }

    @Test
    void capturedValuesAreCheckedAndSubstituted() {
        assertThat(patterns.mismatch(json("{\"id\":{\"$capture\":\"g\"}}"), json("{\"id\":\"X\"}"))).isNull();
        assertThat(patterns.mismatch(json("{\"$var\":\"g\"}"), json("\"X\""))).isNull();
        assertThat(patterns.mismatch(json("{\"$var\":\"g\"}"), json("\"Y\""))).isNotNull();
        assertThat(patterns.substitute(json("{\"groupId\":{\"$var\":\"g\"},\"n\":[{\"$var\":\"g\"}]}")))
                .isEqualTo(json("{\"groupId\":\"X\",\"n\":[\"X\"]}"));
    }

    private static JsonNode json(String text) {
        try {
            return Main.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
