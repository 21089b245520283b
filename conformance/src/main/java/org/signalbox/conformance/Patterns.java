package org.signalbox.conformance;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Matches JSON against a transcript pattern. A pattern is JSON; an object whose keys all start with {@code $} is
 * a directive: {@code $any}, {@code $type}, {@code $regex}, {@code $capture} (remember the value under a name),
 * {@code $var} (equal to a captured value), {@code $contains} (an array holding matches of these, in any order).
 * Other objects match objects with exactly their keys, or more with {@code "$extra": true}. Arrays match
 * element-wise; scalars by JSON equality, so {@code 1.50} is not {@code 1.5}.
 */
final class Patterns {

    private final Map<String, JsonNode> captured;

    Patterns(Map<String, JsonNode> captured) {
        this.captured = captured;
    }

    /** Returns null on a match, else what differs, with its JSON path. */
    String mismatch(JsonNode pattern, JsonNode actual) {
        return mismatch("$", pattern, actual);
    }

    /** Matches, and on success keeps what the pattern captured. */
    boolean matches(JsonNode pattern, JsonNode actual) {
        return mismatch(pattern, actual) == null;
    }

    private String mismatch(String path, JsonNode pattern, JsonNode actual) {
        if (isDirective(pattern)) {
            return directive(path, (ObjectNode) pattern, actual);
        }
        if (pattern.isObject()) {
            if (!actual.isObject()) {
                return path + ": expected an object, got " + actual;
            }
            boolean extra = pattern.path("$extra").asBoolean(false);
            for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$extra")) {
                    continue;
                }
                if (!actual.has(e.getKey())) {
                    return path + ": member '" + e.getKey() + "' missing in " + actual;
                }
                String m = mismatch(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
                if (m != null) {
                    return m;
                }
            }
            if (!extra) {
                for (Iterator<String> names = actual.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    if (!pattern.has(name)) {
                        return path + ": unexpected member '" + name + "' in " + actual;
                    }
                }
            }
            return null;
        }
        if (pattern.isArray()) {
            if (!actual.isArray() || actual.size() != pattern.size()) {
                return path + ": expected an array of " + pattern.size() + ", got " + actual;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String m = mismatch(path + "[" + i + "]", pattern.get(i), actual.get(i));
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        return same(pattern, actual) ? null : path + ": expected " + pattern + ", got " + actual;
    }

    private String directive(String path, ObjectNode d, JsonNode actual) {
        if (d.has("$type") && !type(actual).equals(d.get("$type").asText())
                && !(d.get("$type").asText().equals("number") && actual.isNumber())) {
            return path + ": expected a " + d.get("$type").asText() + ", got " + actual;
        }
        if (d.has("$regex")) {
            if (!actual.isTextual() || !Pattern.compile(d.get("$regex").asText(), Pattern.DOTALL)
                    .matcher(actual.asText()).matches()) {
                return path + ": expected text matching /" + d.get("$regex").asText() + "/, got " + actual;
            }
        }
        if (d.has("$var")) {
            JsonNode value = captured.get(d.get("$var").asText());
            if (value == null) {
                return path + ": variable " + d.get("$var").asText() + " was never captured";
            }
            if (!same(value, actual)) {
                return path + ": expected " + value + " (" + d.get("$var").asText() + "), got " + actual;
            }
        }
        if (d.has("$contains")) {
            if (!actual.isArray()) {
                return path + ": expected an array, got " + actual;
            }
            for (JsonNode wanted : d.get("$contains")) {
                boolean found = false;
                for (JsonNode element : actual) {
                    if (mismatch(path + "[]", wanted, element) == null) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return path + ": no element matches " + wanted + " in " + actual;
                }
            }
        }
        if (d.has("$capture")) {
            captured.put(d.get("$capture").asText(), actual);
        }
        return null;
    }

    /** Numbers by their JSON text (Jackson's equality ignores the scale of decimals); the rest by value. */
    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.toString().equals(b.toString()) : a.equals(b);
    }

    /** Replaces {@code {"$var": name}} in a value to send by what was captured. */
    JsonNode substitute(JsonNode value) {
        if (value.isObject() && value.size() == 1 && value.has("$var")) {
            JsonNode v = captured.get(value.get("$var").asText());
            if (v == null) {
                throw new IllegalStateException("variable " + value.get("$var").asText() + " was never captured");
            }
            return v;
        }
        if (value.isObject()) {
            ObjectNode copy = ((ObjectNode) value).objectNode();
            value.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = ((ArrayNode) value).arrayNode();
            value.forEach(v -> copy.add(substitute(v)));
            return copy;
        }
        return value;
    }

    static boolean isDirective(JsonNode pattern) {
        if (!pattern.isObject() || pattern.isEmpty()) {
            return false;
        }
        for (Iterator<String> names = pattern.fieldNames(); names.hasNext();) {
            String n = names.next();
            if (!n.startsWith("$") || n.equals("$extra")) {
                return false;
            }
        }
        return true;
    }

    private static String type(JsonNode n) {
        if (n.isIntegralNumber()) {
            return "integer";
        }
        JsonNodeType t = n.getNodeType();
        return switch (t) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
