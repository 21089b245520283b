package org.signalbox.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The result schemas of every method a distribution's bundles ship (the contract files beside their classes), so
 * that each answer a replay sees is checked against what its method promises, not only against the transcript.
 */
final class Contracts {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** The keys that make a JSON file in a bundle a method contract. */
    private static final Set<String> KEYS = Set.of("name", "scope", "params", "result", "errors");

    private final Map<String, JsonSchema> results;

    private Contracts(Map<String, JsonSchema> results) {
        this.results = results;
    }

    /** The contracts in the jars of {@code bundle/} and {@code conf/}. */
    static Contracts of(Path distribution, ObjectMapper mapper) throws IOException {
        Map<String, JsonSchema> results = new HashMap<>();
        for (String folder : new String[] {"bundle", "conf"}) {
            Path dir = distribution.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    read(jar, mapper, results);
                }
            }
        }
        return new Contracts(results);
    }

    private static void read(Path jar, ObjectMapper mapper, Map<String, JsonSchema> results) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".json") || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                JsonNode doc;
                try (InputStream in = zip.getInputStream(entry)) {
                    doc = mapper.readTree(in);
                } catch (IOException notJson) {
                    continue;
                }
                if (doc != null && doc.isObject() && KEYS.stream().allMatch(doc::has)) {
                    results.put(doc.get("name").asText(), FACTORY.getSchema(doc.get("result")));
                    doc.path("aliases").forEach(a -> results.put(a.asText(), FACTORY.getSchema(doc.get("result"))));
                }
            }
        }
    }

    /**
     * Why {@code result}, the answer to a call of {@code method}, breaks the method's contract; null when it keeps
     * it or no contract of that method is known.
     */
    String broken(String method, JsonNode result) {
        JsonSchema schema = results.get(method);
        if (schema == null) {
            return null;
        }
        Set<ValidationMessage> errors = schema.validate(result);
        return errors.isEmpty() ? null : "the result of " + method + " breaks its contract: "
                + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
    }
}
