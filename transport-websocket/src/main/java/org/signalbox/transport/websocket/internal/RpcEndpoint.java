package org.signalbox.transport.websocket.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.Peer;

/**
 * {@code POST /api/v1/rpc}: each body is one per-request engine connection; its one answer (response or batch)
 * is the 200 body, and a body that needs no answer gets 201, as in signal-cli.
 */
final class RpcEndpoint {

    private static final long REQUEST_MILLIS = 300_000;

    private final JsonRpcEngine engine;
    private final HttpConfig config;

    RpcEndpoint(JsonRpcEngine engine, HttpConfig config) {
        this.engine = engine;
        this.config = config;
    }

    void handle(Request request, Response response, Callback callback, Access.Grant grant) throws IOException,
            InterruptedException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            Endpoints.refuse(request, response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415);
            return;
        }
        Answer answer = new Answer(Access.trusted(request, grant));
        Connection connection = engine.open(answer,
                new ConnectionOptions(Endpoints.account(config.account(), grant), false, true));
        try {
            String body = read(Request.asInputStream(request), config.maxMessageBytes());
            if (body == null) {
                connection.oversized(config.maxMessageBytes());
            } else {
                connection.receive(body);
            }
            if (!connection.drain(REQUEST_MILLIS)) {
                if (answer.carried != null) {
                    answer.carried.returned();
                }
                Endpoints.status(response, callback, HttpStatus.GATEWAY_TIMEOUT_504);
                return;
            }
        } finally {
            connection.closed();
        }
        String out = answer.text;
        Handover carried = answer.carried;
        if (out == null) {
            Endpoints.status(response, callback, HttpStatus.CREATED_201);
        } else if (carried == null) {
            Endpoints.json(response, callback, out);
        } else {
            // stored messages in the answer (a manual receive) leave the store only once it was written
            Endpoints.json(response, Callback.from(() -> {
                carried.kept();
                callback.succeeded();
            }, failure -> {
                carried.returned();
                callback.failed(failure);
            }), out);
        }
    }

    /** The body as text, or null past {@code limit} bytes (the rest is not buffered). */
    private static String read(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            return null;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Collects the one text a per-request connection writes, and what it carries of the store. */
    private static final class Answer implements Peer {
        private final boolean trusted;
        private volatile String text;
        private volatile Handover carried;

        Answer(boolean trusted) {
            this.trusted = trusted;
        }

        @Override
        public String transport() {
            return "http";
        }

        @Override
        public boolean write(String json) {
            text = json;
            return true;
        }

        @Override
        public boolean write(String json, Handover handover) {
            text = json;
            carried = handover;
            return true;
        }

        @Override
        public void close() {
            // nothing lasts beyond the request
        }

        @Override
        public boolean local() {
            return trusted;
        }
    }
}
