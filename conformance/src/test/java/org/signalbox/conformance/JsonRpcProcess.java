package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A distribution's {@code signalbox jsonRpc} as a child process that a test calls method by method. */
final class JsonRpcProcess implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BufferedReader stdout;
    private final AtomicInteger ids = new AtomicInteger();

    private JsonRpcProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code bin/signalbox --config <dir>/data jsonRpc}; its stderr goes to {@code <dir>/stderr.log}. */
    static JsonRpcProcess start(Path distribution, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(distribution.resolve("bin/signalbox").toString(), "--config",
                dir.resolve("data").toString(), "jsonRpc");
        pb.environment().put("SIGNALBOX_CDS", "off");
        pb.redirectError(dir.resolve("stderr.log").toFile());
        return new JsonRpcProcess(pb.start());
    }

    /** Calls {@code method} with {@code params} (null for none) and returns the whole answer. */
    JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            request.set("params", params);
        }
        request.put("id", id);
        stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            JsonNode n = MAPPER.readTree(line);
            if (n.path("id").asInt() == id) {
                return n;
            }
        }
        throw new IOException("jsonRpc ended before answering " + id);
    }

    static ObjectNode params() {
        return MAPPER.createObjectNode();
    }

    /** Closes stdin and returns the exit status (-1 if the process had to be killed after 60 s). */
    int end() throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            end();
        }
    }
}
