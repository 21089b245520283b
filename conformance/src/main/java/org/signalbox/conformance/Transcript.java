package org.signalbox.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** A transcript file, checked against {@code transcript.schema.json} when loaded. */
record Transcript(Path file, JsonNode json) {

    private static final JsonSchema SCHEMA = loadSchema();

    String name() {
        return json.get("name").asText();
    }

    static Transcript load(Path file, ObjectMapper mapper) throws IOException {
        JsonNode json = mapper.readTree(file.toFile());
        Set<ValidationMessage> problems = SCHEMA.validate(json);
        if (!problems.isEmpty()) {
            throw new IOException(file + " is not a valid transcript: "
                    + problems.stream().map(ValidationMessage::getMessage).sorted().toList());
        }
        return new Transcript(file, json);
    }

    /** The given files, and every {@code *.json} below the given folders, sorted by path. */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = Transcript.class.getResourceAsStream("transcript.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("transcript schema missing", e);
        }
    }
}
