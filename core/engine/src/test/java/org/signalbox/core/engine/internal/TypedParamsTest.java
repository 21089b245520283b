package org.signalbox.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;

import com.fasterxml.jackson.databind.node.ObjectNode;

class TypedParamsTest {

    record Params(String text, long count, int small, boolean flag, double ratio, List<String> items, Long optional) {
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @Test
    void bindsEachValueAsItIs() throws Exception {
        Params p = TypedParams.bind("m", json("""
                {"text":"hi","count":12345678901,"small":7,"flag":true,"ratio":2,"items":["a","b"]}"""), Params.class);
        assertThat(p).isEqualTo(new Params("hi", 12345678901L, 7, true, 2.0, List.of("a", "b"), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":5}", "{\"count\":\"5\"}", "{\"flag\":1}", "{\"flag\":\"true\"}",
            "{\"count\":1.5}", "{\"small\":true}", "{\"items\":[1]}", "{\"text\":false}"})
    void coercesNothing(String params) {
        assertThatThrownBy(() -> TypedParams.bind("m", json(params), Params.class)).isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).error()).isEqualTo(RpcError.INTERNAL));
    }

    @Test
    void aNumberBeyondItsTypeIsTheClientsErrorNamingTheParam() {
        assertThatThrownBy(() -> TypedParams.bind("m", json("{\"small\":4294967296}"), Params.class))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> {
                    RpcException r = (RpcException) e;
                    assertThat(r.error()).isEqualTo(RpcError.INVALID_PARAMS);
                    assertThat(r.getMessage()).contains("small");
                });
    }

    @Test
    void aKeyTheRecordLacksIsTheMethodsBug() {
        assertThatThrownBy(() -> TypedParams.bind("m", json("""
                {"count":1,"small":1,"flag":true,"ratio":1,"unknown":1}"""), Params.class))
                .isInstanceOf(RpcException.class).hasMessageContaining("unknown")
                .satisfies(e -> assertThat(((RpcException) e).error()).isEqualTo(RpcError.INTERNAL));
    }

    @Test
    void anAbsentPrimitiveIsTheMethodsBugForItsContractStatesNoDefault() {
        assertThatThrownBy(() -> TypedParams.bind("m", json("{\"small\":1,\"flag\":true,\"ratio\":1}"),
                Params.class)).isInstanceOf(RpcException.class).hasMessageContaining("count")
                .satisfies(e -> assertThat(((RpcException) e).error()).isEqualTo(RpcError.INTERNAL));
    }
}
