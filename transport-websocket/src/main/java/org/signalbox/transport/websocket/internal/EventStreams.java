package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.Handovers;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/events}: Server-Sent Events. Each stream is an engine connection with the automatic receive
 * subscription (and one for call events); every notification becomes {@code event:<method>} with the payload as
 * {@code data:}. Headers leave at once (signal-cli #2033), a {@code :} comment keeps the stream alive.
 */
final class EventStreams {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonRpcEngine engine;
    private final Accounts accounts;
    private final HttpConfig config;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();

    EventStreams(JsonRpcEngine engine, Accounts accounts, HttpConfig config) {
        this.engine = engine;
        this.accounts = accounts;
        this.config = config;
    }

    int count() {
        return open.size();
    }

    void handle(Request request, Response response, Callback callback, Access.Grant grant)
            throws InterruptedException {
        Optional<String> account = Endpoints.account(config.account(), grant);
        String asked = Request.extractQueryParameters(request).getValue("account");
        if (account.isEmpty() && asked != null && !asked.isBlank()) {
            // by number or ACI (signal-cli #2078); ignored in single-account mode, as there
            Optional<Account> found = accounts.find(asked.strip());
            if (found.isEmpty()) {
                Endpoints.refuse(request, response, callback, HttpStatus.BAD_REQUEST_400);
                return;
            }
            account = Optional.of(found.get().number());
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Stream stream = new Stream(response, Access.trusted(request, grant), config.settleMillis());
        if (!stream.send("")) { // commits the headers now
            callback.failed(new TimeoutException("client took no headers"));
            return;
        }
        open.add(stream);
        LocalClient client = engine.client(stream, new ConnectionOptions(account, true));
        try {
            client.session().subscribe("callEvent", account);
            stream.keepAlive(config.keepAliveMillis());
        } finally {
            client.close();
            open.remove(stream);
        }
        if (stream.failed) {
            stream.handovers.returnAll();
            callback.failed(new IllegalStateException("event stream client gone"));
        } else {
            stream.ending();
            response.write(true, null, callback); // the chunked end: a clean EOF for the client
        }
    }

    void stop() {
        open.forEach(Stream::close);
    }

    /**
     * One client's stream; writes are serialised and bounded by the write timeout. The server does not read an
     * event stream's connection, so a client that left is only seen by writing: a comment goes out as each
     * event's settle window ends, and fails if the client reset the connection (it closed with the event unread).
     */
    private final class Stream implements LocalPeer {
        private final Response response;
        private final boolean trusted;
        private final Handovers handovers;
        private boolean closed;
        private volatile boolean failed;

        Stream(Response response, boolean trusted, long settleMillis) {
            this.response = response;
            this.trusted = trusted;
            this.handovers = new Handovers(settleMillis, () -> send(":\n"));
        }

        /** The transport ends the stream: what the client still holds unsettled is decided by one more write. */
        void ending() {
            if (send(":\n")) {
                handovers.keepAll();
            } else {
                handovers.returnAll();
            }
        }

        @Override
        public String transport() {
            return "sse";
        }

        /** SSE carries the payload alone, whether the subscription is automatic (receive) or explicit (callEvent). */
        @Override
        public boolean notify(Notification notification, Handover handover) {
            String event;
            try {
                event = "event:" + notification.event() + "\ndata:" + MAPPER.writeValueAsString(
                        notification.payload()) + "\n\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree that does not serialise", e);
            }
            if (handovers.sent(send(event), handover)) {
                return true;
            }
            if (failed) {
                handovers.returnAll();
            }
            return false;
        }

        synchronized boolean send(String text) {
            if (closed || failed) {
                return false;
            }
            FutureCallback done = new FutureCallback();
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
            try {
                done.get(TextFrames.allowedMillis(config.writeTimeoutMillis(), text.length()), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                failed = true;
                notifyAll();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Returns when the client is gone or the transport stops. */
        synchronized void keepAlive(long millis) throws InterruptedException {
            while (!closed && !failed) {
                wait(millis);
                if (!closed && !failed) {
                    send(":\n");
                }
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }

        @Override
        public boolean local() {
            return trusted;
        }
    }
}
