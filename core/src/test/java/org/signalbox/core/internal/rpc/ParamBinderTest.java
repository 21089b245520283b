package org.signalbox.core.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;

import com.fasterxml.jackson.databind.node.ObjectNode;

class ParamBinderTest {

    private final ParamBinder binder = new ParamBinder(json("""
            {"type":"object","properties":{
              "recipient":{"type":"array","items":{"type":"string"}},
              "groupId":{"type":"array","items":{"type":"string"}},
              "name":{"type":"string"},
              "target":{"type":"string"},
              "count":{"type":"integer","default":1},
              "flag":{"type":"boolean"}},
             "required":["target"]}"""));

    @Test
    void readsKebabCamelSingularAndPluralSpellings() throws Exception {
        ObjectNode p = binder.bind(json("""
                {"recipients":["+1"],"group-ids":"g1","target":"t","name":"n"}"""));
        assertThat(p).isEqualTo(json("""
                {"recipient":["+1"],"groupId":["g1"],"target":"t","name":"n","count":1}"""));
    }

    @Test
    void singularWinsOverPluralAndKebabOverCamel() throws Exception {
        ObjectNode p = binder.bind(json("""
                {"recipients":["plural"],"recipient":"singular","groupId":["camel"],"group-id":["kebab"],"target":"t"}"""));
        assertThat(p.get("recipient").get(0).asText()).isEqualTo("singular");
        assertThat(p.get("groupId").get(0).asText()).isEqualTo("kebab");
    }

    @Test
    void takesTheSoleElementOfAnArrayForASingleValue() throws Exception {
        assertThat(binder.bind(json("{\"target\":[\"x\"]}")).get("target").asText()).isEqualTo("x");
        assertThatThrownBy(() -> binder.bind(json("{\"target\":[\"x\",\"y\"]}")))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMS);
                    assertThat(e.data()).isEqualTo(
                            Map.of("param", "target", "problem", "type", "expected", "single value"));
                });
    }

    @Test
    void nullIsAbsentUnknownIsDroppedNumbersBecomeText() throws Exception {
        ObjectNode p = binder.bind(json("{\"target\":5,\"name\":null,\"trustNewIdentities\":\"always\"}"));
        assertThat(p).isEqualTo(json("{\"target\":\"5\",\"count\":1}"));
    }

    @Test
    void missingRequiredParamIsNamed() {
        assertThatThrownBy(() -> binder.bind(json("{}"))).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Parameter 'target' is required");
            assertThat(e.data()).isEqualTo(Map.of("param", "target", "problem", "required"));
        });
    }

    @Test
    void wrongTypeIsNamedWithTheExpectedType() {
        assertThatThrownBy(() -> binder.bind(json("{\"target\":\"t\",\"count\":\"many\"}")))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Parameter 'count' must be integer");
                    assertThat(e.data()).isEqualTo(Map.of("param", "count", "problem", "type", "expected", "integer"));
                });
        assertThatThrownBy(() -> binder.bind(json("{\"target\":\"t\",\"flag\":\"true\"}")))
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Parameter 'flag' must be boolean"));
    }

    @Test
    void acceptsIntegersOfAnyWidth() throws Exception {
        assertThat(binder.bind(json("{\"target\":\"t\",\"count\":5}")).get("count").asInt()).isEqualTo(5);
        assertThat(binder.bind(json("{\"target\":\"t\",\"count\":1767225600000}")).get("count").asLong())
                .isEqualTo(1767225600000L);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
