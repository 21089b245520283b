package org.signalbox.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class MethodContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode valid() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"name": "echo", "summary": "Echoes", "scope": "any", "aliases": ["e"], "readOnly": true,
                 "positionalParams": ["text"],
                 "params": {"type": "object", "properties": {"text": {"type": "string"}}},
                 "result": {"type": "object"}, "errors": [{"code": -1, "when": "the text is blank"}]}""");
    }

    @Test
    void readsEveryPart() throws Exception {
        MethodContract c = MethodContract.parse(valid());
        assertThat(c.name()).isEqualTo("echo");
        assertThat(c.scope()).isEqualTo(MethodScope.ANY);
        assertThat(c.aliases()).containsExactly("e");
        assertThat(c.readOnly()).isTrue();
        assertThat(c.sessionBound()).isFalse();
        assertThat(c.positionalParams()).containsExactly("text");
        assertThat(c.params().path("properties").has("text")).isTrue();
        assertThat(c.errors()).containsExactly(new MethodContract.ErrorCase(-1, "the text is blank"));
    }

    @Test
    void itsSchemasCannotBeChangedFromOutside() throws Exception {
        MethodContract c = MethodContract.parse(valid());
        c.params().putObject("properties").put("x", 1);
        assertThat(c.params().path("properties").has("text")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/name|\"\"|\"name\" must be a non-empty text",
            "/scope|\"global\"|\"scope\" is not one of",
            "/params|{\"type\":\"array\"}|\"params\" must be a schema of \"type\": \"object\"",
            "/result|5|\"result\" must be a JSON Schema object",
            "/errors|[{\"code\":\"x\",\"when\":\"y\"}]|integer \"code\"",
            "/aliases|[\"a\",\"a\"]|distinct texts",
            "/summry|\"typo\"|unknown key \"summry\""})
    void refusesWhatIsNotAContractNamingTheKey(String key, String value, String message) throws Exception {
        ObjectNode doc = valid();
        doc.set(key.substring(1), MAPPER.readTree(value));
        assertThatThrownBy(() -> MethodContract.parse(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> MethodContract.load(MethodContractTest.class, "absent"))
                .hasMessageContaining("absent.json").hasMessageContaining(MethodContractTest.class.getName());
    }
}
