package org.signalbox.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;
import org.signalbox.api.transport.Transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The HTTP endpoints over real loopback HTTP with the JDK client: signal-cli's status codes, SSE, access rules. */
class HttpTransportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String SECRET = "a-jwt-secret-of-at-least-32-bytes!!";
    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeEngine engine = new FakeEngine();
    private HttpTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop();
        }
    }

    private URI start(Map<String, Object> config) {
        transport = new HttpTransport(FakeEngine.config(config), engine, FakeEngine.accounts());
        assertThat(transport.state()).as(transport.failure().orElse("")).isEqualTo(Transport.State.RUNNING);
        return URI.create("http://127.0.0.1:" + transport.name().substring(transport.name().lastIndexOf(':') + 1));
    }

    private HttpResponse<String> post(URI base, String type, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/rpc"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWithSignalCliStatusCodes() throws Exception {
        URI base = start(Map.of("maxMessageBytes", 1000L));
        HttpResponse<String> ok = post(base, "application/json; charset=utf-8", "{\"id\":1}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(ok.body()).isEqualTo("{\"echo\":\"{\\\"id\\\":1}\"}");
        assertThat(engine.opened.get(0).options().perRequest()).isTrue();
        assertThat(engine.closed).containsExactly(engine.opened.get(0).peer());

        HttpResponse<String> nothing = post(base, "application/json", "{\"method\":\"x\"}");
        assertThat(nothing.statusCode()).as("nothing to answer").isEqualTo(201);
        assertThat(nothing.body()).isEmpty();

        assertThat(post(base, "text/plain", "{\"id\":1}").statusCode()).isEqualTo(415);
        assertThat(post(base, null, "{\"id\":1}").statusCode()).isEqualTo(415);
        assertThat(get(base.resolve("/api/v1/rpc")).statusCode()).isEqualTo(405);
        assertThat(get(base.resolve("/api/v1/rpc/more")).statusCode()).isEqualTo(404);
        assertThat(get(base.resolve("/elsewhere")).statusCode()).isEqualTo(404);
        assertThat(get(base.resolve("/api/v1/check")).statusCode()).isEqualTo(200);

        HttpResponse<String> big = post(base, "application/json", "{\"id\":\"" + "x".repeat(2000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).isEqualTo("{\"error\":\"too long\"}");
        assertThat(engine.oversized).containsExactly(1000L);
    }

    @Test
    void refusesForeignHostsAndOriginsButNotHealthChecks() throws Exception {
        URI base = start(Map.of());
        int port = base.getPort();
        // the JDK client will not set Host itself; a raw request does
        assertThat(RawHttp.status(port, "POST /api/v1/rpc", "Host: evil.example", "Content-Type: application/json"))
                .isEqualTo(421);
        assertThat(RawHttp.status(port, "GET /api/v1/events", "Host: 127.0.0.1:" + (port + 1))).isEqualTo(421);
        assertThat(RawHttp.status(port, "GET /api/v1/check", "Host: evil.example")).isEqualTo(200);
        assertThat(RawHttp.status(port, "POST /api/v1/rpc", "Host: localhost",
                "Content-Type: application/json")).as("no port given: accepted").isEqualTo(201);
        assertThat(post(base, "application/json", "{}", "Origin", "https://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(post(base, "application/json", "{}", "Origin", "http://localhost:" + port).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aTokenOrAnHs256JwtIsRequiredWhenConfigured() throws Exception {
        URI base = start(Map.of("token", "s3cret", "jwtSecret", SECRET));
        assertThat(post(base, "application/json", "{\"id\":1}").statusCode()).isEqualTo(401);
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer wrong").statusCode())
                .isEqualTo(401);
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer s3cret").statusCode())
                .isEqualTo(200);
        assertThat(engine.opened.get(0).options().account()).isEmpty();
        assertThat(engine.opened.get(0).peer().local()).as("token holders may administer").isTrue();

        String jwt = jwt(SECRET, "+15550001111", 60);
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer " + jwt).statusCode())
                .isEqualTo(200);
        assertThat(engine.opened.get(1).options().account()).as("the JWT's subject").hasValue("+15550001111");
        assertThat(engine.opened.get(1).peer().local()).as("a JWT is no administrator's credential").isFalse();
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer "
                + jwt(SECRET, null, 60)).statusCode()).as("no subject: it would reach every account").isEqualTo(401);

        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer "
                + jwt(SECRET, "+15550001111", -60)).statusCode()).as("expired").isEqualTo(401);
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer "
                + jwt("another-secret-that-is-32-bytes-long", "+1", 60)).statusCode()).isEqualTo(401);
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\"}".getBytes()) + jwt.substring(jwt.indexOf('.'), jwt.lastIndexOf('.') + 1);
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer " + unsigned).statusCode())
                .as("alg none").isEqualTo(401);
        assertThat(get(base.resolve("/api/v1/check")).statusCode()).isEqualTo(200);
    }

    @Test
    void aJwtForAnotherAccountThanTheConfiguredOneIsRefused() throws Exception {
        URI base = start(Map.of("jwtSecret", SECRET, "account", "+15550001111"));
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer "
                + jwt(SECRET, "+15550002222", 60)).statusCode()).isEqualTo(401);
        assertThat(post(base, "application/json", "{\"id\":1}", "Authorization", "Bearer "
                + jwt(SECRET, "+15550001111", 60)).statusCode()).isEqualTo(200);
        assertThat(engine.opened).hasSize(1);
        assertThat(engine.opened.get(0).peer().local()).as("even from loopback").isFalse();
    }

    static String jwt(String secret, String subject, long expiresInSeconds) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build());
        jwt.sign(new MACSigner(secret.getBytes()));
        return jwt.serialize();
    }

    @Test
    void aNonLoopbackBindWithoutTokenRefusesToStart() {
        transport = new HttpTransport(FakeEngine.config(Map.of("host", "0.0.0.0")), engine, FakeEngine.accounts());
        assertThat(transport.state()).isEqualTo(Transport.State.FAILED);
        assertThat(transport.failure()).hasValueSatisfying(f -> assertThat(f).contains("needs a token"));
        HttpTransport weak = new HttpTransport(FakeEngine.config(Map.of("jwtSecret", "short")), engine,
                FakeEngine.accounts());
        assertThat(weak.failure()).hasValueSatisfying(f -> assertThat(f).contains("at least 32 bytes"));
    }

    @Test
    void streamsEventsWithHeadersAtOnceAndEndsCleanlyOnStop() throws Exception {
        URI base = start(Map.of("keepAliveMillis", 200L));
        HttpResponse<Stream<String>> response = client.sendAsync(HttpRequest.newBuilder(base.resolve(
                "/api/v1/events?account=11111111-2222-4333-8444-555555555555")).build(),
                HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        // the response (headers) arrived before any event was sent: they were flushed at once
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        await().until(() -> !engine.opened.isEmpty());
        FakeEngine.Opened stream = engine.opened.get(0);
        assertThat(stream.options().account()).as("ACI resolved to the number").hasValue("+15550001111");
        assertThat(stream.options().automaticReceive()).isTrue();
        assertThat(stream.subscriptions()).containsExactly("callEvent +15550001111");

        Iterator<String> lines = response.body().iterator();
        JsonNode received = MAPPER.readTree("{\"envelope\":{},\"account\":\"+15550001111\"}");
        assertThat(stream.local().notify(new Notification("receive", Optional.of("+15550001111"), received,
                received), LocalPeer.NOTHING)).isTrue();
        assertThat(next(lines)).isEqualTo("event:receive");
        assertThat(lines.next()).isEqualTo("data:{\"envelope\":{},\"account\":\"+15550001111\"}");
        assertThat(lines.next()).isEmpty();
        stream.local().notify(new Notification("callEvent", Optional.of("+15550001111"), MAPPER.readTree(
                "{\"callId\":7}"), MAPPER.readTree("{\"subscription\":3,\"result\":{\"callId\":7}}")),
                LocalPeer.NOTHING);
        assertThat(next(lines)).isEqualTo("event:callEvent");
        assertThat(lines.next()).isEqualTo("data:{\"callId\":7}");

        CompletableFuture<Void> end = CompletableFuture.runAsync(() -> lines.forEachRemaining(l -> {
        }));
        transport.stop();
        transport = null;
        end.get(10, TimeUnit.SECONDS); // the stream ended: EOF, no error
        assertThat(engine.closed).contains(stream.local());

        assertThatThrownBy(() -> get(base.resolve("/api/v1/events"))).as("stopped: nobody listens")
                .isInstanceOf(java.net.ConnectException.class);
    }

    /** The next line that is not a keep-alive comment. */
    private static String next(Iterator<String> lines) {
        String l = lines.next();
        while (l.equals(":") || l.isEmpty()) {
            l = lines.next();
        }
        return l;
    }

    @Test
    void anUnknownAccountFilterIs400() throws Exception {
        URI base = start(Map.of());
        assertThat(get(base.resolve("/api/v1/events?account=%2B19999999999")).statusCode()).isEqualTo(400);
        assertThat(post(base, "application/json", "{}").statusCode()).as("still serving").isEqualTo(201);
    }
}
