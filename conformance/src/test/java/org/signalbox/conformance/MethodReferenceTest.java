package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/methods.md is what the full distribution's {@code rpc.discover} says, which is what the method contracts
 * say: the reference is generated, never written by hand. When a contract changes, this test fails and leaves the
 * new text in {@code target/methods.md} to copy over the old.
 */
class MethodReferenceTest {

    private static final Path DOC = Path.of("../docs/methods.md");

    @TempDir
    Path dir;

    @Test
    void theMethodReferenceIsGeneratedFromTheContracts() throws Exception {
        JsonNode discover;
        try (JsonRpcProcess p = JsonRpcProcess.start(Assembled.distributions().resolve("signalbox-full"), dir)) {
            discover = p.call("rpc.discover", null).get("result");
            assertThat(p.end()).isZero();
        }
        String generated = render(discover);
        Path fresh = Path.of("target/methods.md");
        Files.writeString(fresh, generated, StandardCharsets.UTF_8);
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/methods.md is out of date: copy conformance/target/methods.md over it").isEqualTo(generated);
    }

    static String render(JsonNode discover) {
        StringBuilder out = new StringBuilder();
        out.append("# Method reference\n\n")
                .append("Generated from the method contracts (the `<method>.json` file beside each method's class) by\n")
                .append("`conformance/src/test/java/org/signalbox/conformance/MethodReferenceTest.java`, through the\n")
                .append("full distribution's `rpc.discover`; edit a contract, not this file. Errors every method can\n")
                .append("answer are not repeated: -32700, -32600 and -32601 for what is not a call of a served method,\n")
                .append("-32602 for params that do not validate (`data` names the param) and for an `account` that is\n")
                .append("not a local account, -32603 for an internal error (with an incident id).\n\n");
        for (JsonNode m : discover.get("methods")) {
            out.append("- [`").append(m.get("name").asText()).append("`](#").append(anchor(m.get("name").asText()))
                    .append(") — ").append(m.path("summary").asText()).append('\n');
        }
        for (JsonNode m : discover.get("methods")) {
            method(out, m);
        }
        return out.toString();
    }

    private static void method(StringBuilder out, JsonNode m) {
        out.append("\n## `").append(m.get("name").asText()).append("`\n\n").append(m.path("summary").asText())
                .append(".\n");
        if (m.has("description")) {
            out.append('\n').append(m.get("description").asText()).append('\n');
        }
        out.append("\nScope: `").append(m.get("x-signalbox-scope").asText().toLowerCase(java.util.Locale.ROOT))
                .append('`');
        if (m.path("x-signalbox-read-only").asBoolean()) {
            out.append(" · read-only");
        }
        if (m.path("x-signalbox-session-bound").asBoolean()) {
            out.append(" · lasting connections only");
        }
        if (m.path("paramStructure").asText().equals("either")) {
            out.append(" · params by name or by position");
        }
        if (m.has("x-signalbox-aliases")) {
            out.append(" · also called ");
            List<String> aliases = new java.util.ArrayList<>();
            m.get("x-signalbox-aliases").forEach(a -> aliases.add("`" + a.asText() + "`"));
            out.append(String.join(", ", aliases));
        }
        out.append("\n");
        if (!m.get("params").isEmpty()) {
            out.append("\n| Param | Schema | Required |\n|---|---|---|\n");
            for (JsonNode p : m.get("params")) {
                out.append("| `").append(p.get("name").asText()).append("` | `").append(p.get("schema").toString()
                        .replace("|", "\\|")).append("` | ").append(p.path("required").asBoolean() ? "yes" : "")
                        .append(" |\n");
            }
        }
        out.append("\nResult:\n\n```json\n").append(m.at("/result/schema").toPrettyString()).append("\n```\n");
        if (!m.path("errors").isEmpty()) {
            out.append("\n| Error | When |\n|---|---|\n");
            for (JsonNode e : m.get("errors")) {
                out.append("| ").append(e.get("code").asInt()).append(" | ").append(e.get("message").asText())
                        .append(" |\n");
            }
        }
    }

    private static String anchor(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace(".", "");
    }
}
