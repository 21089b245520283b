package org.signalbox.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class RequestTest {

    @Test
    void clientResponsesAreIgnored() throws Exception {
        assertThat(Request.of(json("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}"))).isNull();
        assertThat(Request.of(json("{\"jsonrpc\":\"2.0\",\"error\":{},\"id\":1}"))).isNull();
    }

    @Test
    void unknownMemberIsRejectedWithTheRequestId() throws Exception {
        Request r = Request.of(json("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"extra\":1,\"id\":7}"));
        assertThat(r.isValid()).isFalse();
        assertThat(r.invalid().get("id").asInt()).isEqualTo(7);
        assertThat(r.invalid().at("/error/code").asInt()).isEqualTo(-32600);
    }

    @Test
    void containerIdIsRejectedWithNullId() throws Exception {
        Request r = Request.of(json("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":[1]}"));
        assertThat(r.invalid().get("id").isNull()).isTrue();
    }

    @Test
    void nullParamsAreAbsentAndMethodIsReadAsText() throws Exception {
        Request r = Request.of(json("{\"jsonrpc\":\"2.0\",\"method\":5,\"params\":null,\"id\":null}"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.method()).isEqualTo("5");
        assertThat(r.params()).isNull();
        assertThat(r.isNotification()).isFalse();
    }

    @Test
    void missingIdMakesANotification() throws Exception {
        assertThat(Request.of(json("{\"jsonrpc\":\"2.0\",\"method\":\"version\"}")).isNotification()).isTrue();
    }

    @Test
    void versionIsCheckedBeforeMethod() throws Exception {
        Request r = Request.of(json("{\"id\":1}"));
        assertThat(r.invalid().at("/error/message").asText()).isEqualTo("only jsonrpc version 2.0 is supported");
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
