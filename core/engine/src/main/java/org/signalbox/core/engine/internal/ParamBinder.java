package org.signalbox.core.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Turns params as signal-cli clients send them into what a method's schema describes, then validates them.
 * Spellings: kebab-case or camelCase; a list under its singular or plural name, as an array or a scalar; a
 * single value as a one-element array; {@code null} as absent; unknown keys dropped (clients send extras).
 */
final class ParamBinder {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** Params that clients send as numbers though they are text, as signal-cli's typed binding accepts. */
    private static final Set<String> DIGIT_TEXTS = Set.of("verificationCode", "pin");

    private final JsonSchema schema;
    private final Map<String, JsonNode> properties = new LinkedHashMap<>();
    private final int maxArrayItems;

    ParamBinder(JsonNode schemaNode) {
        this(schemaNode, EngineLimits.DEFAULT_ARRAY_ITEMS);
    }

    ParamBinder(JsonNode schemaNode, int maxArrayItems) {
        this.schema = FACTORY.getSchema(schemaNode);
        this.maxArrayItems = maxArrayItems;
        JsonNode props = schemaNode.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            properties.put(e.getKey(), e.getValue());
        }
    }

    ObjectNode bind(ObjectNode raw) throws RpcException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        // Exact names first, so that a singular key wins over its plural and kebab-case over camelCase.
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        raw.fields().forEachRemaining(entries::add);
        entries.sort(Comparator.comparingInt(e -> precedence(e.getKey())));
        for (Map.Entry<String, JsonNode> e : entries) {
            JsonNode value = e.getValue();
            String target = target(e.getKey());
            if (value.isNull() || target == null || out.has(target)) {
                continue;
            }
            out.set(target, coerce(target, value));
        }
        properties.forEach((name, spec) -> {
            if (!out.has(name) && spec.has("default")) {
                out.set(name, spec.get("default").deepCopy());
            }
        });
        validate(out);
        return out;
    }

    /** signal-cli's lookup order: singular before plural, kebab-case before camelCase. */
    private int precedence(String key) {
        boolean plural = !properties.containsKey(camelCase(key));
        boolean kebab = key.indexOf('-') >= 0;
        return (plural ? 2 : 0) + (kebab ? 0 : 1);
    }

    /** The schema property a client key stands for, or null for an unknown key. */
    private String target(String key) {
        String camel = camelCase(key);
        if (properties.containsKey(camel)) {
            return camel;
        }
        if (camel.endsWith("s")) {
            String singular = camel.substring(0, camel.length() - 1);
            if (isArray(properties.get(singular))) {
                return singular;
            }
        }
        return null;
    }

    private JsonNode coerce(String name, JsonNode value) throws RpcException {
        JsonNode spec = properties.get(name);
        if (isArray(spec)) {
            if (value.isArray()) {
                if (value.size() > maxArrayItems) {
                    throw new RpcException(RpcError.INVALID_PARAMS, "Parameter '" + name + "' has " + value.size()
                            + " items, more than the limit of " + maxArrayItems,
                            Map.of("param", name, "problem", "maxItems", "limit", maxArrayItems));
                }
                for (JsonNode item : value) {
                    integral(name, spec.path("items"), item);
                }
                return value;
            }
            integral(name, spec.path("items"), value);
            ArrayNode one = Json.MAPPER.createArrayNode();
            one.add(value);
            return one;
        }
        if (value.isArray() && !types(spec).contains("array")) {
            if (value.size() != 1) {
                throw new RpcException(RpcError.INVALID_PARAMS,
                        "Parameter '" + name + "' takes a single value, not a list of " + value.size(),
                        Map.of("param", name, "problem", "type", "expected", "single value"));
            }
            return coerce(name, value.get(0));
        }
        if (DIGIT_TEXTS.contains(name) && types(spec).equals(Set.of("string")) && value.isIntegralNumber()) {
            return TextNode.valueOf(value.asText());
        }
        integral(name, spec, value);
        return value;
    }

    /**
     * An integer param (a timestamp, a count) must be one that fits in 64 bits: {@code 1e999999999} or
     * {@code 1.5} would otherwise pass the schema's type check and be read as something else.
     */
    private static void integral(String name, JsonNode spec, JsonNode value) throws RpcException {
        if (value.isNumber() && types(spec).equals(Set.of("integer"))
                && !(value.canConvertToExactIntegral() && value.canConvertToLong())) {
            throw new RpcException(RpcError.INVALID_PARAMS, "Parameter '" + name
                    + "' must be an integer within 64 bits", Map.of("param", name, "problem", "type",
                            "expected", "integer"));
        }
    }

    private void validate(ObjectNode params) throws RpcException {
        Set<ValidationMessage> problems = schema.validate(params);
        if (problems.isEmpty()) {
            return;
        }
        ValidationMessage first = problems.stream()
                .sorted(Comparator.comparing(ValidationMessage::getType).thenComparing(ValidationMessage::getMessage))
                .findFirst().orElseThrow();
        String param = first.getProperty() != null ? first.getProperty()
                : first.getInstanceLocation().getNameCount() > 0
                        ? String.valueOf(first.getInstanceLocation().getElement(0))
                        : null;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("param", param);
        data.put("problem", first.getType());
        String message;
        switch (first.getType()) {
            case "required" -> message = "Parameter '" + param + "' is required";
            case "type" -> {
                String expected = String.join(" or ", types(param == null ? null : properties.get(param)));
                if (!expected.isEmpty()) {
                    data.put("expected", expected);
                }
                message = "Parameter '" + param + "' must be " + (expected.isEmpty() ? "of another type" : expected);
            }
            default -> message = param == null ? "Invalid params: " + first.getMessage()
                    : "Invalid parameter '" + param + "': " + stripPath(first.getMessage());
        }
        if (param == null) {
            data.remove("param");
        }
        throw new RpcException(RpcError.INVALID_PARAMS, message, data);
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static boolean isArray(JsonNode spec) {
        return spec != null && types(spec).equals(Set.of("array"));
    }

    private static Set<String> types(JsonNode spec) {
        if (spec == null) {
            return Set.of();
        }
        JsonNode type = spec.get("type");
        if (type == null) {
            return Set.of();
        }
        if (type.getNodeType() == JsonNodeType.STRING) {
            return Set.of(type.asText());
        }
        Set<String> all = new java.util.TreeSet<>();
        type.forEach(t -> all.add(t.asText()));
        return all;
    }

    static String camelCase(String key) {
        if (key.indexOf('-') < 0) {
            return key;
        }
        StringBuilder b = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
