package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code signalbox jsonRpc} of an assembled distribution as a child process, talking to a given messaging
 * server: requests are matched to answers by id, notifications are queued. Tests and benchmarks drive daemons
 * with it.
 */
public final class DaemonProcess implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Writer in;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final Queue<JsonNode> passedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Thread reader;

    private DaemonProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = Thread.ofPlatform().daemon().name("daemon-stdout").start(this::read);
    }

    /** Starts {@code jsonRpc} of {@code distribution} on data directory {@code data}, using {@code server}. */
    public static DaemonProcess start(Path distribution, Path data, URI server) throws IOException {
        return start(distribution, data, server, Map.of());
    }

    /** The same, with {@code environment} added to the daemon's (e.g. the fake call tunnel's variables). */
    public static DaemonProcess start(Path distribution, Path data, URI server, Map<String, String> environment)
            throws IOException {
        return start(distribution, data, server, List.of(), environment, data.getFileName().toString());
    }

    /**
     * {@code -a account jsonRpc}: signal-cli's single-account mode, one process per account of a data directory
     * shared with others; its stderr goes to {@code <data>.<account>.stderr}.
     */
    public static DaemonProcess single(Path distribution, Path data, URI server, String account) throws IOException {
        return start(distribution, data, server, List.of("-a", account), Map.of(),
                data.getFileName() + "." + account);
    }

    /** {@link #single} without {@code --server}: the data directory's embedded server, shared between processes. */
    public static DaemonProcess single(Path distribution, Path data, String account) throws IOException {
        return single(distribution, data, null, account);
    }

    /** {@code jsonRpc} on every account of {@code data}, on its embedded server. */
    public static DaemonProcess embedded(Path distribution, Path data) throws IOException {
        return start(distribution, data, null, List.of(), Map.of(), data.getFileName().toString());
    }

    private static DaemonProcess start(Path distribution, Path data, URI server, List<String> options,
            Map<String, String> environment, String logName) throws IOException {
        List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/signalbox").toString(), "--config",
                data.toString()));
        if (server != null) {
            command.addAll(List.of("--server", server.toString()));
        }
        command.addAll(options);
        command.add("jsonRpc");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(data.resolveSibling(logName + ".stderr").toFile()));
        return new DaemonProcess(pb.start());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                JsonNode json = MAPPER.readTree(line);
                if (json.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(json.get("id").asInt());
                    if (f != null) {
                        f.complete(json);
                    }
                } else {
                    notifications.add(json);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("the daemon's stdout ended")));
    }

    /** Sends a request; the answer completes the future. */
    public CompletableFuture<JsonNode> request(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        request.set("params", params);
        request.put("id", id);
        synchronized (in) {
            in.write(request + "\n");
            in.flush();
        }
        return answer;
    }

    public JsonNode call(String method, ObjectNode params) throws Exception {
        return request(method, params).get(60, TimeUnit.SECONDS);
    }

    public static ObjectNode params(String account) {
        return MAPPER.createObjectNode().put("account", account);
    }

    /** Registers and verifies {@code number} with the server. */
    public void register(String number) throws Exception {
        for (JsonNode answer : List.of(call("register", params(number)),
                call("verify", params(number).put("verificationCode", "123456")))) {
            if (answer.has("error")) {
                throw new AssertionError("registering " + number + ": " + answer);
            }
        }
    }

    /** The next {@code receive} notification's envelope, or null after {@code wait}. */
    public JsonNode nextEnvelope(Duration wait) throws InterruptedException {
        return nextEnvelope(e -> true, wait);
    }

    /**
     * The next envelope that {@code which} accepts, or null after {@code wait}. The envelopes it passes over are
     * kept, in order, for the next calls and for {@link #passedOver()}: for a test that reads one kind while
     * another (automatic delivery receipts) arrives in no fixed order with it.
     */
    public JsonNode nextEnvelope(Predicate<JsonNode> which, Duration wait) throws InterruptedException {
        for (Iterator<JsonNode> i = passedOver.iterator(); i.hasNext();) {
            JsonNode e = i.next();
            if (which.test(e)) {
                i.remove();
                return e;
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode n = notifications.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (n == null) {
                return null;
            }
            if ("receive".equals(n.path("method").asText())) {
                JsonNode e = n.get("params").get("envelope");
                if (which.test(e)) {
                    return e;
                }
                passedOver.add(e);
            }
        }
    }

    /** The envelopes passed over so far, which leave with this call. */
    public List<JsonNode> passedOver() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e = passedOver.poll(); e != null; e = passedOver.poll()) {
            out.add(e);
        }
        return out;
    }

    /**
     * The next {@code method} notification whose params match {@code which}, skipping others; null after
     * {@code wait}.
     */
    public JsonNode next(String method, Predicate<JsonNode> which, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode n = notifications.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (n == null) {
                return null;
            }
            if (method.equals(n.path("method").asText()) && which.test(n.get("params"))) {
                return n.get("params");
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Envelopes that arrive within {@code wait} of each other, until a gap that long. */
    public List<JsonNode> drain(Duration wait) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e = nextEnvelope(wait); e != null; e = nextEnvelope(wait)) {
            out.add(e);
        }
        return out;
    }

    /**
     * SIGKILL: no shutdown hook, no flush, as a crash. Returns once everything the process wrote before it died
     * was read, so that {@code drain(Duration.ZERO)} has all of it however busy the machine is.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(Duration.ofSeconds(30));
    }

    /** EOF on stdin: the daemon answers what is in flight and exits. */
    @Override
    public void close() throws Exception {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
