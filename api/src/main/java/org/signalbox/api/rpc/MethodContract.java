package org.signalbox.api.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one JSON-RPC method promises, read from a JSON file kept beside the method's class: its wire names, how
 * its {@code account} is routed, its params (a JSON Schema with the defaults), its result (a JSON Schema) and
 * the errors it answers. The engine validates against it, {@code rpc.discover} publishes it, the command line
 * makes its options from it and the method reference in the docs is generated from it.
 * <p>
 * The file's keys: {@code name}, {@code summary}, {@code scope} ({@code account}, {@code any},
 * {@code multi_account}, {@code registration}), {@code params}, {@code result}, {@code errors} (a list of
 * {@code {"code": -1, "when": "…"}}), and optionally {@code description}, {@code aliases},
 * {@code positionalParams}, {@code readOnly}, {@code sessionBound}. Any other key is refused, so a misspelt one
 * cannot be silently ignored.
 */
public final class MethodContract {

    /** One error the method answers: its JSON-RPC code and when it happens. */
    public record ErrorCase(int code, String when) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("name", "summary", "description", "scope", "aliases",
            "positionalParams", "readOnly", "sessionBound", "params", "result", "errors");

    private final ObjectNode document;
    private final String name;
    private final MethodScope scope;
    private final Set<String> aliases;
    private final List<String> positionalParams;
    private final List<ErrorCase> errors;

    private MethodContract(ObjectNode document) {
        for (Iterator<String> it = document.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key \"" + key + "\"");
            }
        }
        this.document = document;
        this.name = text(document, "name");
        text(document, "summary");
        try {
            this.scope = MethodScope.valueOf(text(document, "scope").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"scope\" is not one of account, any, multi_account, registration");
        }
        if (!schema(document, "params").path("type").asText().equals("object")) {
            throw new IllegalArgumentException("\"params\" must be a schema of \"type\": \"object\"");
        }
        schema(document, "result");
        this.aliases = Set.copyOf(texts(document, "aliases"));
        this.positionalParams = List.copyOf(texts(document, "positionalParams"));
        List<ErrorCase> cases = new ArrayList<>();
        if (!document.path("errors").isArray()) {
            throw new IllegalArgumentException("\"errors\" must be a list (empty when the method has none of its own)");
        }
        for (JsonNode e : document.path("errors")) {
            if (!e.path("code").canConvertToInt() || !e.path("code").isIntegralNumber() || !e.path("when").isTextual()) {
                throw new IllegalArgumentException("each of \"errors\" needs an integer \"code\" and a text \"when\"");
            }
            cases.add(new ErrorCase(e.get("code").intValue(), e.get("when").asText()));
        }
        this.errors = List.copyOf(cases);
    }

    /**
     * Reads the contract of {@code method} from the resource {@code <method>.json} in the package of
     * {@code neighbour} (the file beside the class).
     *
     * @throws IllegalArgumentException naming the file when it is missing or does not describe a contract
     */
    public static MethodContract load(Class<?> neighbour, String method) {
        String resource = method + ".json";
        try (InputStream in = neighbour.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract " + resource + " beside " + neighbour.getName());
            }
            MethodContract contract = parse(MAPPER.readTree(in));
            if (!contract.name().equals(method)) {
                throw new IllegalArgumentException(resource + " describes \"" + contract.name() + "\"");
            }
            return contract;
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " beside " + neighbour.getName() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(resource + " beside " + neighbour.getName() + ": " + e.getMessage(), e);
        }
    }

    /** A contract from its JSON document. */
    public static MethodContract parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a contract is a JSON object");
        }
        return new MethodContract(((ObjectNode) document).deepCopy());
    }

    /** The wire name, e.g. {@code listContacts}. */
    public String name() {
        return name;
    }

    /** Other wire names served by the same method (signal-cli clients use some non-standard names). */
    public Set<String> aliases() {
        return aliases;
    }

    /** How the {@code account} param is routed. */
    public MethodScope scope() {
        return scope;
    }

    /** One line for {@code rpc.discover} and {@code --help}. */
    public String summary() {
        return document.get("summary").asText();
    }

    /** Longer prose for the docs and {@code --help}; empty when the summary says it all. */
    public String description() {
        return document.path("description").asText("");
    }

    /**
     * JSON Schema (draft 2020-12) of the params object as the method reads it: camelCase names, list params as
     * arrays under their singular name, each {@code default} stated. The engine normalises signal-cli's spellings
     * (kebab-case, plural names, scalar-for-list, one-element array for a scalar) against it, applies the
     * defaults and answers -32602 for what does not validate, before the method runs.
     */
    public ObjectNode params() {
        return ((ObjectNode) document.get("params")).deepCopy();
    }

    /** JSON Schema of the result; {@code null} results are answered as {@code {}}, as signal-cli does. */
    public ObjectNode result() {
        return ((ObjectNode) document.get("result")).deepCopy();
    }

    /** The errors of the method's own, beyond those every method can answer (-32602 for invalid params). */
    public List<ErrorCase> errors() {
        return errors;
    }

    /**
     * Names given to positional params, in order, for a method that accepts params as a JSON array (signal-cli's
     * Rust client unsubscribes with {@code [id]}). Empty: an array is an invalid request.
     */
    public List<String> positionalParams() {
        return positionalParams;
    }

    /**
     * Whether the method only reads. A one-shot CLI command for a read-only method opens accounts without
     * locking them, so it answers even while a daemon holds the account.
     */
    public boolean readOnly() {
        return document.path("readOnly").asBoolean(false);
    }

    /**
     * Whether the method only makes sense on a lasting connection ({@code subscribeReceive} and the like). Such
     * methods answer -32601 on per-request connections (HTTP), as signal-cli's {@code --http} does.
     */
    public boolean sessionBound() {
        return document.path("sessionBound").asBoolean(false);
    }

    /** The contract as its JSON document. */
    public ObjectNode toJson() {
        return document.deepCopy();
    }

    @Override
    public String toString() {
        return "MethodContract[" + name + "]";
    }

    private static String text(ObjectNode document, String key) {
        JsonNode value = document.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a non-empty text");
        }
        return value.asText();
    }

    private static JsonNode schema(ObjectNode document, String key) {
        JsonNode value = document.get(key);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a JSON Schema object");
        }
        return value;
    }

    private static List<String> texts(ObjectNode document, String key) {
        JsonNode value = document.get(key);
        if (value == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : value) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("\"" + key + "\" must be a list of texts");
            }
            out.add(v.asText());
        }
        if (!value.isArray() || out.size() != value.size()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list of distinct texts");
        }
        return List.copyOf(out);
    }
}
