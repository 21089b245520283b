package org.signalbox.core.engine.internal;

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
              "targetTimestamp":{"type":"array","items":{"type":"integer"}},
              "verificationCode":{"type":"string"},
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
    void nullIsAbsentUnknownIsDropped() throws Exception {
        ObjectNode p = binder.bind(json("{\"target\":\"t\",\"name\":null,\"trustNewIdentities\":\"always\"}"));
        assertThat(p).isEqualTo(json("{\"target\":\"t\",\"count\":1}"));
    }

    @Test
    void wrongTypesAreRefusedNotCoercedExceptCodesSentAsNumbers() throws Exception {
        for (String wrong : new String[] {"{\"target\":5}", "{\"target\":true}", "{\"target\":\"t\",\"name\":5}",
            "{\"target\":\"t\",\"count\":\"3\"}", "{\"target\":\"t\",\"flag\":\"true\"}"}) {
            assertThatThrownBy(() -> binder.bind(json(wrong))).as(wrong).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMS));
        }
        assertThat(binder.bind(json("{\"target\":\"t\",\"verificationCode\":123456}")).get("verificationCode")
                .asText()).isEqualTo("123456");
    }

    @Test
    void integersOutsideSixtyFourBitsOrWithFractionsAreRefused() throws Exception {
        for (String wrong : new String[] {"1e999999999", "1.5", "99999999999999999999", "[1e400]"}) {
            String params = wrong.startsWith("[") ? "{\"target\":\"t\",\"targetTimestamp\":" + wrong + "}"
                    : "{\"target\":\"t\",\"count\":" + wrong + "}";
            assertThatThrownBy(() -> binder.bind(json(params))).as(wrong).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.getMessage()).contains("must be an integer within 64 bits"));
        }
        assertThat(binder.bind(json("{\"target\":\"t\",\"count\":1795963272928}")).get("count").asLong())
                .isEqualTo(1795963272928L);
    }

    @Test
    void arraysAreBounded() throws Exception {
        ParamBinder small = new ParamBinder(json("""
                {"type":"object","properties":{"recipient":{"type":"array","items":{"type":"string"}}}}"""), 3);
        assertThat(small.bind(json("{\"recipient\":[\"a\",\"b\",\"c\"]}")).get("recipient")).hasSize(3);
        assertThatThrownBy(() -> small.bind(json("{\"recipients\":[\"a\",\"b\",\"c\",\"d\"]}")))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.data()).isEqualTo(Map.of("param",
                        "recipient", "problem", "maxItems", "limit", 3)));
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
