package org.signalbox.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;


import com.fasterxml.jackson.databind.ObjectMapper;

/** Engine.IO's polling bodies, both versions, as the clients of each socket.io-client line write and read them. */
class EnginePayloadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void v4JoinsPacketsWithTheRecordSeparator() {
        String body = EnginePayload.encode(4, List.of("0{\"sid\":\"x\"}", "40", "42[\"a\",\"é\"]"));
        assertThat(body).isEqualTo("0{\"sid\":\"x\"}\u001e40\u001e42[\"a\",\"é\"]");
        assertThat(EnginePayload.decode(4, body)).containsExactly("0{\"sid\":\"x\"}", "40", "42[\"a\",\"é\"]");
    }

    @Test
    void v3PrefixesLengthsInUtf16UnitsAndWritesAsciiOnly() throws Exception {
        String packet = "42[\"message\",{\"text\":\"h\u00e9llo \ud83d\udc4d\"}]";
        String body = EnginePayload.encode(3, List.of("40", packet));
        assertThat(body).startsWith("2:40").matches("\\p{ASCII}*");
        String second = body.substring(4);
        int colon = second.indexOf(':');
        assertThat(Integer.parseInt(second.substring(0, colon))).isEqualTo(second.length() - colon - 1);
        // escaped inside JSON: the same value for a client that parses it
        assertThat(MAPPER.readTree(second.substring(colon + 3)))
                .isEqualTo(MAPPER.readTree(packet.substring(2)));
    }

    @Test
    void v3ReadsLengthsOfSurrogatePairsAsJavaScriptCountsThem() {
        String emoji = "42[\"m\",\"\ud83d\udc4d\"]";
        assertThat(EnginePayload.decode(3, emoji.length() + ":" + emoji + "1:2"))
                .containsExactly(emoji, "2");
        assertThat(emoji.length()).isEqualTo(12);
    }

    @Test
    void v3UndoesTheUtf8ByteStringsOfOneXClients() {
        String text = "42[\"message\",{\"text_message\":\"h\u00e9llo \u2603\"}]";
        String byteString = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(EnginePayload.decode(3, byteString.length() + ":" + byteString)).containsExactly(text);
        // a 2.x client's own Latin-1 text is not valid UTF-8 as bytes, and stays as it is
        String latin = "42[\"m\",\"caf\u00e9\"]";
        assertThat(EnginePayload.decode(3, latin.length() + ":" + latin)).containsExactly(latin);
    }

    @Test
    void malformedBodiesSayWhat() {
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(3, "")).withMessage(
                "empty payload");
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(3, "5:40")).withMessageContaining(
                "runs past the payload");
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(3, "x:40"))
                .withMessageContaining("expected <length>:");
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(3, "99999999999:4"))
                .withMessageContaining("expected <length>:");
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(3, "0:"))
                .withMessage("empty packet");
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(4, "40\u001e\u001e2"))
                .withMessage("empty packet");
        assertThatIllegalArgumentException().isThrownBy(() -> EnginePayload.decode(4, "bAAEC"))
                .withMessage("binary packets are not carried");
    }
}
