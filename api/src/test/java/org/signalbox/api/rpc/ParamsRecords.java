package org.signalbox.api.rpc;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * For a module's tests: that each method's params record (a nested record named {@code Params}, in the method's
 * class or a superclass) and its contract agree, so that what the contract promises is what the method reads.
 * Every param is a component and every component a param; the Java type holds what the schema allows (a list for
 * an array, a flag for a boolean, an {@code int} or {@code long} for an integer, a text for a string, a map for an
 * object); a primitive component's param is required or has a default, so it is never absent. A method without a
 * record takes no params. Every contract states its result schema.
 */
public final class ParamsRecords {

    private ParamsRecords() {
    }

    /** What disagrees between each method's contract and record, one line each; empty when all agree. */
    public static List<String> disagreements(List<RpcMethod> methods) {
        List<String> out = new ArrayList<>();
        for (RpcMethod m : methods) {
            MethodContract c = m.contract();
            if (c.result().isEmpty()) {
                out.add(c.name() + ": the contract states no result schema");
            }
            Class<?> record = record(m.getClass());
            ObjectNode schema = c.params();
            Set<String> params = new LinkedHashSet<>();
            schema.path("properties").fieldNames().forEachRemaining(params::add);
            if (record == null) {
                if (!params.isEmpty()) {
                    out.add(c.name() + ": has params " + params + " but " + m.getClass().getSimpleName()
                            + " has no Params record");
                }
                continue;
            }
            Set<String> required = new LinkedHashSet<>();
            schema.path("required").forEach(n -> required.add(n.asText()));
            for (RecordComponent rc : record.getRecordComponents()) {
                JsonNode spec = schema.path("properties").get(rc.getName());
                if (spec == null) {
                    out.add(c.name() + ": record component " + rc.getName() + " is not a param of the contract");
                    continue;
                }
                params.remove(rc.getName());
                String problem = fits(rc, spec, required.contains(rc.getName()));
                if (problem != null) {
                    out.add(c.name() + "." + rc.getName() + ": " + problem);
                }
            }
            params.forEach(p -> out.add(c.name() + ": param " + p + " has no record component"));
        }
        return out;
    }

    /**
     * Every method class among the compiled classes under {@code classes} (a module's {@code target/classes}),
     * made with null or false for each constructor argument: enough to read its contract, not to call it.
     */
    public static List<RpcMethod> compiledMethods(Path classes) throws Exception {
        List<RpcMethod> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ParamsRecords.class.getClassLoader());
                if (!RpcMethod.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())
                        || type.isInterface()) {
                    continue;
                }
                Constructor<?> k = type.getDeclaredConstructors()[0];
                k.setAccessible(true);
                Object[] args = new Object[k.getParameterCount()];
                Class<?>[] types = k.getParameterTypes();
                for (int i = 0; i < args.length; i++) {
                    args[i] = types[i] == boolean.class ? Boolean.FALSE : null;
                }
                out.add((RpcMethod) k.newInstance(args));
            }
        }
        return out;
    }

    private static Class<?> record(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            for (Class<?> nested : t.getDeclaredClasses()) {
                if (nested.isRecord() && nested.getSimpleName().equals("Params")) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static String fits(RecordComponent rc, JsonNode spec, boolean required) {
        Class<?> raw = rc.getType();
        if (raw.isPrimitive() && !required && !spec.has("default")) {
            return "is a primitive but the param is neither required nor has a default";
        }
        Set<String> types = new LinkedHashSet<>();
        JsonNode t = spec.path("type");
        if (t.isArray()) {
            t.forEach(n -> types.add(n.asText()));
        } else if (t.isTextual()) {
            types.add(t.asText());
        } else if (spec.has("enum")) {
            types.add("string");
        }
        types.remove("null");
        if (types.size() != 1) {
            return raw == JsonNode.class || raw == Object.class ? null
                    : "the param has several types " + types + "; only JsonNode holds them";
        }
        String type = types.iterator().next();
        boolean ok = switch (type) {
            case "string" -> raw == String.class;
            case "boolean" -> raw == boolean.class || raw == Boolean.class;
            case "integer" -> raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class;
            case "number" -> raw == double.class || raw == Double.class || raw == java.math.BigDecimal.class;
            case "object" -> Map.class.isAssignableFrom(raw) || raw == JsonNode.class || raw == ObjectNode.class;
            case "array" -> List.class.isAssignableFrom(raw) && items(rc, spec.path("items"));
            default -> false;
        };
        return ok ? null : "a " + rc.getGenericType().getTypeName() + " cannot hold the schema's " + type;
    }

    private static boolean items(RecordComponent rc, JsonNode items) {
        Type g = rc.getGenericType();
        if (!(g instanceof ParameterizedType p)) {
            return false;
        }
        Type item = p.getActualTypeArguments()[0];
        return switch (items.path("type").asText()) {
            case "string" -> item == String.class;
            case "integer" -> item == Long.class || item == Integer.class;
            case "boolean" -> item == Boolean.class;
            default -> item == JsonNode.class;
        };
    }
}
