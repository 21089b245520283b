package org.signalbox.transport.websocket.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes the plain HTTP requests (WebSocket upgrades never get here): {@code /api/v1/rpc}, {@code /api/v1/events},
 * {@code /api/v1/check}, with signal-cli's status codes, Engine.IO's polling on {@code /socket.io/}, everything
 * else 404.
 */
final class Endpoints extends Handler.Abstract {

    static final String RPC = "/api/v1/rpc";
    static final String EVENTS = "/api/v1/events";
    static final String CHECK = "/api/v1/check";

    private final Access access;
    private final RpcEndpoint rpc;
    private final EventStreams events;
    private final EnginePolling polling;

    Endpoints(Access access, RpcEndpoint rpc, EventStreams events, EnginePolling polling) {
        this.access = access;
        this.rpc = rpc;
        this.events = events;
        this.polling = polling;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        switch (path) {
            case CHECK -> {
                // signal-cli answers this one unchecked: health probes have no token
                refuse(request, response, callback, HttpStatus.OK_200);
            }
            case RPC, EVENTS -> {
                Access.Decision decision = access.check(request, false);
                if (decision.refusal() != 0) {
                    refuse(request, response, callback, decision.refusal());
                } else if (path.equals(RPC)) {
                    if (!HttpMethod.POST.is(request.getMethod())) {
                        refuse(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    } else {
                        rpc.handle(request, response, callback, decision.grant());
                    }
                } else if (!HttpMethod.GET.is(request.getMethod())) {
                    refuse(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                } else {
                    events.handle(request, response, callback, decision.grant());
                }
            }
            case HttpTransport.SOCKET_IO -> polling.handle(request, response, callback);
            default -> refuse(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
        return true;
    }

    /**
     * A status with an empty body for a request whose body was not read: the connection closes after it, and says
     * so, or a client would send its next request on a connection the server is dropping.
     */
    static void refuse(Request request, Response response, Callback callback, int status) {
        if (request.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
                && request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        status(response, callback, status);
    }

    /** A status with an empty body, as signal-cli answers every refusal. */
    static void status(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
    }

    static void json(Response response, Callback callback, String json) {
        response.setStatus(HttpStatus.OK_200);
        // signal-cli sends no charset; JSON is UTF-8 by definition (RFC 8259)
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The account a connection is bound to: the configured single account, else the token's subject. */
    static Optional<String> account(String configured, Access.Grant grant) {
        return configured.isBlank() ? grant.account() : Optional.of(configured.strip());
    }
}
