package org.signalbox.core.engine.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One client connection: parses each text, answers envelope errors at once, and runs every valid request on its
 * own virtual thread, so responses may leave out of order (as in signal-cli). Each response or batch is written
 * as one whole text.
 */
final class RpcConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(RpcConnection.class.getSimpleName());

    private final JsonRpcEngineImpl engine;
    private final SessionImpl session;
    private final ConnectionOptions options;
    private final Object idle = new Object();
    private int inFlight;
    /** Texts whose requests run or wait to be written, and their bytes: both bounded per connection. */
    private final Semaphore texts;
    private final Semaphore bytes;
    private final long maxBytes;

    RpcConnection(JsonRpcEngineImpl engine, SessionImpl session, ConnectionOptions options) {
        this.engine = engine;
        this.session = session;
        this.options = options;
        this.texts = new Semaphore(engine.limits().maxRequestsInFlight());
        this.maxBytes = engine.limits().maxBytesInFlight();
        this.bytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxBytes));
    }

    @Override
    public Session session() {
        return session;
    }

    ConnectionOptions options() {
        return options;
    }

    /**
     * Takes one text once there is room: while the connection has its limit of requests running or unwritten
     * (a client that sends without reading its answers), this waits, and the transport's reader with it, so the
     * client meets back-pressure instead of the daemon buffering for it.
     */
    @Override
    public void receive(String text) {
        int cost = (int) Math.min(text.length(), Math.min(Integer.MAX_VALUE, maxBytes));
        try {
            texts.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            bytes.acquire(cost);
        } catch (InterruptedException e) {
            texts.release();
            Thread.currentThread().interrupt();
            return;
        }
        Unit unit = new Unit(cost);
        try {
            handle(text, unit);
        } catch (RuntimeException e) {
            // a transport must never die of one input; this is a bug, answered like any internal error
            write(engine.internalError(null, "parsing input", e));
        } finally {
            unit.finish();
        }
    }

    /** The work one text started; its room is given back when the last of it is written. */
    private final class Unit {
        private final int cost;
        private final AtomicInteger open = new AtomicInteger(1);

        Unit(int cost) {
            this.cost = cost;
        }

        void begin() {
            open.incrementAndGet();
        }

        void finish() {
            if (open.decrementAndGet() == 0) {
                bytes.release(cost);
                texts.release();
            }
        }
    }

    private void handle(String text, Unit unit) {
        if (text.isBlank()) {
            // signal-cli: a blank line is a parse error, an empty HTTP body a request of no type
            write(options.perRequest() ? Responses.error(null, RpcError.INVALID_REQUEST, "unexpected type: MISSING")
                    : Responses.error(null, RpcError.PARSE_ERROR, "Empty input line"));
            return;
        }
        // One value per line, frame or body is the protocol. signal-cli reads the first and silently drops the
        // rest; here a text with more than one value is refused whole, so nothing a client sent goes unanswered.
        JsonNode value;
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            value = Json.MAPPER.readTree(parser);
            if (value == null) {
                write(Responses.error(null, RpcError.PARSE_ERROR, "Empty input line"));
                return;
            }
            JsonLocation end = parser.currentLocation();
            JsonToken more;
            try {
                more = parser.nextToken();
            } catch (JsonProcessingException e) {
                more = JsonToken.NOT_AVAILABLE;
            }
            if (more != null) {
                write(Responses.error(null, RpcError.PARSE_ERROR.code(), "More than one JSON value: something "
                        + "follows the first one at line " + end.getLineNr() + ", column " + end.getColumnNr()
                        + "; send one request (or one batch array) per " + (options.perRequest() ? "body"
                                : "line"), Map.of("column", end.getColumnNr())));
                return;
            }
        } catch (JsonProcessingException e) {
            write(Responses.error(null, RpcError.PARSE_ERROR, describe(e)));
            return;
        } catch (NumberFormatException e) {
            // Jackson reports numbers it cannot hold exactly (e.g. 0.4e0066999…) this way, not as a parse error
            write(Responses.error(null, RpcError.PARSE_ERROR, "A number in the input is out of range"));
            return;
        } catch (IOException e) {
            write(Responses.error(null, RpcError.PARSE_ERROR, "Unreadable input: " + e.getMessage()));
            return;
        }
        dispatch(value, unit);
    }

    private void dispatch(JsonNode value, Unit unit) {
        if (value.isArray()) {
            batch((ArrayNode) value, unit);
        } else {
            Request request = Request.of(value);
            if (request == null) {
                LOG.log(System.Logger.Level.DEBUG, "Ignoring a response sent by the client");
            } else if (!request.isValid()) {
                write(request.invalid());
            } else {
                start(unit, () -> {
                    JsonRpcEngineImpl.Reply reply = answer(request);
                    if (reply != null) {
                        write(reply.response().toString(), reply.carried());
                    }
                });
            }
        }
    }

    private void batch(ArrayNode elements, Unit unit) {
        if (elements.isEmpty()) {
            write(Responses.error(null, RpcError.INVALID_REQUEST, "invalid request"));
            return;
        }
        int limit = engine.limits().maxBatch();
        if (elements.size() > limit) {
            write(Responses.error(null, RpcError.INVALID_REQUEST.code(), "A batch of " + elements.size()
                    + " requests exceeds the limit of " + limit, Map.of("limit", limit)));
            return;
        }
        // Envelope errors first, then results in completion order, as signal-cli does; the whole batch is
        // scanned before any element runs, so no result can overtake an envelope error.
        List<ObjectNode> replies = new ArrayList<>();
        List<Handover> carried = new ArrayList<>();
        List<Request> valid = new ArrayList<>();
        for (JsonNode element : elements) {
            Request request = Request.of(element);
            if (request == null) {
                continue;
            }
            if (request.isValid()) {
                valid.add(request);
            } else {
                replies.add(request.invalid());
            }
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Request request : valid) {
            running.add(CompletableFuture.runAsync(() -> {
                JsonRpcEngineImpl.Reply reply = answer(request);
                if (reply != null) {
                    synchronized (replies) {
                        replies.add(reply.response());
                        carried.addAll(reply.carried());
                    }
                }
            }, engine.executor()));
        }
        start(unit, () -> {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            if (!replies.isEmpty()) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                synchronized (replies) {
                    array.addAll(replies);
                }
                write(array.toString(), carried);
            }
        });
    }

    /**
     * Runs a request alone or inside a batch; returns its response, or null for a notification, whose failure is
     * only logged.
     */
    private JsonRpcEngineImpl.Reply answer(Request request) {
        JsonRpcEngineImpl.Reply reply = engine.execute(request, options, session);
        if (!request.isNotification()) {
            return reply;
        }
        ObjectNode response = reply.response();
        if (response.has("error")) {
            LOG.log(System.Logger.Level.WARNING, "Notification " + request.method() + " failed: "
                    + response.get("error").path("message").asText());
        }
        reply.carried().forEach(Handover::returned); // nobody will read an answer that is not written
        return null;
    }

    private void write(ObjectNode response) {
        session.write(response.toString(), null);
    }

    private void write(String json, List<Handover> carried) {
        if (carried.isEmpty()) {
            session.write(json, null);
        } else {
            session.write(json, Fanout.together(List.copyOf(carried)));
        }
    }

    private void start(Unit unit, Runnable work) {
        unit.begin();
        synchronized (idle) {
            inFlight++;
        }
        engine.executor().execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Request handling failed", e);
            } finally {
                unit.finish();
                synchronized (idle) {
                    if (--inFlight == 0) {
                        idle.notifyAll();
                    }
                }
            }
        });
    }

    @Override
    public void oversized(long limit) {
        write(Responses.error(null, RpcError.PARSE_ERROR.code(),
                "Input exceeds the limit of " + limit + " bytes and was dropped", Map.of("limit", limit)));
    }

    @Override
    public boolean drain(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
        }
        return true;
    }

    @Override
    public void closed() {
        engine.closed(session);
    }

    /**
     * Jackson's message without its source excerpt, with line and column; a limit is said in the client's terms,
     * not with the name of the Jackson setting behind it.
     */
    private static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            message = message.contains("nesting depth")
                    ? "JSON nested deeper than " + Json.MAX_NESTING_DEPTH + " levels"
                    : message.contains("String value length") ? "A string in the input is too long"
                    : message.contains("Number value length") ? "A number in the input is too long"
                    : "The input exceeds a parsing limit";
        }
        return where == null ? message
                : message + " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }
}
