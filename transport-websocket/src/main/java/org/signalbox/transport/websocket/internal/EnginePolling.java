package org.signalbox.transport.websocket.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The plain HTTP requests of {@code /socket.io/}: Engine.IO's polling handshake ({@code GET} without sid), polls
 * ({@code GET}) and sends ({@code POST}) of a socket, and the CORS preflight of pages on other origins, with
 * engine.io's error bodies ({@code {"code": n, "message": …}}). Host and Origin are screened as everywhere; a page
 * on an allowed origin gets the CORS headers its {@code XMLHttpRequest} (with credentials) needs.
 */
final class EnginePolling {

    private final Access access;
    private final EngineSessions sessions;
    private final long maxBytes;

    EnginePolling(Access access, EngineSessions sessions, long maxBytes) {
        this.access = access;
        this.sessions = sessions;
        this.maxBytes = maxBytes;
    }

    /** The query of an Engine.IO request, first value of each name. */
    static Map<String, String> query(Request request) {
        Map<String, String> out = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(f -> out.put(f.getName(), f.getValue()));
        return out;
    }

    /** The Engine.IO version a request names, or 0 if not one served (3 and 4). */
    static int protocol(Map<String, String> query) {
        return switch (String.valueOf(query.get("EIO"))) {
            case "3" -> 3;
            case "4" -> 4;
            default -> 0;
        };
    }

    void handle(Request request, Response response, Callback callback) throws IOException {
        int refused = access.screen(request);
        if (refused != 0) {
            Endpoints.refuse(request, response, callback, refused);
            return;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.getHeaders().put(HttpHeader.VARY, "Origin");
        }
        if (HttpMethod.OPTIONS.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
            String asked = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
            if (asked != null) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, asked);
            }
            Endpoints.status(response, callback, HttpStatus.NO_CONTENT_204);
            return;
        }
        Map<String, String> query = query(request);
        int protocol = protocol(query);
        boolean get = HttpMethod.GET.is(request.getMethod());
        if (protocol == 0) {
            error(response, callback, 5, "Unsupported protocol version: EIO=3 and EIO=4 are served");
        } else if (!"polling".equals(query.get("transport"))) {
            error(response, callback, 0, "Transport unknown");
        } else if (query.containsKey("j")) {
            error(response, callback, 3, "Bad request: JSONP polling is not served, use XMLHttpRequest");
        } else if (!query.containsKey("sid")) {
            if (!get) {
                error(response, callback, 2, "Bad handshake method");
                return;
            }
            if (sessions.full()) {
                error(response, callback, 3, EngineSessions.FULL, HttpStatus.SERVICE_UNAVAILABLE_503);
                return;
            }
            EngineSession session = sessions.create(protocol, Access.trusted(request, Access.Grant.OPEN));
            PollingCarrier carrier = new PollingCarrier(session, protocol == 3 && !query.containsKey("b64"));
            session.open(carrier, query);
            carrier.poll(response, callback);
        } else {
            Optional<EngineSession> session = sessions.find(query.get("sid"));
            PollingCarrier carrier = session.filter(s -> s.protocol == protocol).map(EngineSession::polling)
                    .orElse(null);
            if (carrier == null) {
                error(response, callback, 1, "Session ID unknown");
            } else if (get) {
                carrier.poll(response, callback);
            } else if (HttpMethod.POST.is(request.getMethod())) {
                receive(request, response, callback, session.get());
            } else {
                error(response, callback, 3, "Bad request: GET or POST");
            }
        }
    }

    /** A {@code POST}: its packets, in order, then {@code ok}; a body past the limit or malformed ends the socket. */
    private void receive(Request request, Response response, Callback callback, EngineSession session)
            throws IOException {
        byte[] bytes = Request.asInputStream(request).readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                maxBytes + 1));
        if (bytes.length > maxBytes) {
            session.close(StatusCode.MESSAGE_TOO_LARGE, "payload too large");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            error(response, callback, 3, "Bad request: payload too large", HttpStatus.PAYLOAD_TOO_LARGE_413);
            return;
        }
        List<String> packets;
        try {
            packets = EnginePayload.decode(session.protocol, new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            session.protocolError("malformed payload: " + e.getMessage());
            error(response, callback, 3, "Bad request: " + e.getMessage());
            return;
        }
        session.received(packets);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
    }

    static void error(Response response, Callback callback, int code, String message) {
        error(response, callback, code, message, HttpStatus.BAD_REQUEST_400);
    }

    private static void error(Response response, Callback callback, int code, String message, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String body = SocketIoSocket.MAPPER.createObjectNode().put("code", code).put("message", message).toString();
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
