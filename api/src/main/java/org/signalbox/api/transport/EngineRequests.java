package org.signalbox.api.transport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * For dialect transports that speak for their clients (the legacy socket, Socket.IO): sends JSON-RPC requests on a
 * client's engine connection and matches the engine's responses to them, so a dialect maps its commands onto the
 * engine's methods instead of re-implementing them. Hand every text the engine writes to the connection's peer to
 * {@link #offer} first.
 */
public final class EngineRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String prefix;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    /** @param prefix starts every request id, e.g. {@code legacy-} */
    public EngineRequests(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Sends {@code method} with {@code params} on {@code connection} and waits for the whole response (with
     * {@code result} or {@code error}). No answer within {@code timeout}, or {@link #cancelAll}, gives an error
     * response of code -3.
     */
    public JsonNode call(Connection connection, String method, ObjectNode params, Duration timeout) {
        String id = prefix + ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", id);
        request.set("params", params);
        try {
            connection.receive(request.toString());
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return error("No answer from " + method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("Interrupted while waiting for " + method);
        } finally {
            pending.remove(id);
        }
    }

    /**
     * What the engine wrote: a response to one of {@link #call}'s requests is taken (empty); anything else, a
     * notification, is returned parsed for the dialect to render.
     */
    public Optional<JsonNode> offer(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // the engine writes JSON; nothing to render otherwise
        }
        if (n.has("id") && !n.has("method")) {
            CompletableFuture<JsonNode> waiting = pending.get(n.path("id").asText());
            if (waiting != null) {
                waiting.complete(n);
            }
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** Ends every waiting {@link #call}: the client went away. */
    public void cancelAll() {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the client left")));
    }

    private static JsonNode error(String message) {
        ObjectNode r = MAPPER.createObjectNode();
        r.putObject("error").put("code", -3).put("message", message);
        return r;
    }
}
