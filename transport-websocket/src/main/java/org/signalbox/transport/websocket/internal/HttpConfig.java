package org.signalbox.transport.websocket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One HTTP transport instance: a factory configuration of {@value HttpTransport#FACTORY_PID}. */
@ObjectClassDefinition(name = "Signalbox HTTP transport",
        description = "JSON-RPC over HTTP POST, Server-Sent Events and WebSocket, and a Socket.IO event dialect,"
                + " on one Jetty server")
public @interface HttpConfig {

    @AttributeDefinition(description = "the address to bind; anything but loopback needs token or jwtSecret")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "the port; 0 picks a free one")
    int port() default 8080;

    @AttributeDefinition(description = "on-start, on-connection or manual: manual gives WebSocket clients no"
            + " automatic receive")
    String receiveMode() default "on-start";

    @AttributeDefinition(description = "single-account mode for every connection (a number); empty: multi-account")
    String account() default "";

    @AttributeDefinition(description = "bearer token clients must present (Authorization header, or access_token"
            + " on WebSocket upgrades, or the Socket.IO authenticate event)")
    String token() default "";

    @AttributeDefinition(description = "HS256 secret (at least 32 bytes): a JWT signed with it is accepted as a"
            + " token, and its sub names the account the connection acts for")
    String jwtSecret() default "";

    @AttributeDefinition(description = "browser origins allowed to open WebSockets (e.g. https://app.example);"
            + " requests without Origin are not browsers and are not checked")
    String[] allowedOrigins() default {};

    @AttributeDefinition(description = "largest request body or WebSocket message, in bytes")
    long maxMessageBytes() default 8_388_608L;

    @AttributeDefinition(description = "a client that takes no data for this long is disconnected (ms)")
    long writeTimeoutMillis() default 10_000L;

    @AttributeDefinition(description = "a received message written to a client leaves the store once the"
            + " connection lasted this long after it or ended cleanly; an abnormal end before returns it (ms)")
    long settleMillis() default org.signalbox.api.transport.Handovers.DEFAULT_SETTLE_MILLIS;

    @AttributeDefinition(description = "an HTTP connection with no request for this long is closed (ms)")
    long idleTimeoutMillis() default 30_000L;

    @AttributeDefinition(description = "a WebSocket that sends nothing, pongs included, for this long is closed;"
            + " the server pings every third of it (ms)")
    long webSocketIdleMillis() default 180_000L;

    @AttributeDefinition(description = "Server-Sent Events keep-alive comment interval (ms)")
    long keepAliveMillis() default 15_000L;

    @AttributeDefinition(description = "most Socket.IO sockets open at once, polling or WebSocket: a long-polling"
            + " socket holds no connection, so only this bounds how many an unauthenticated client can open; more"
            + " are refused with 503")
    int maxSocketIoSockets() default 4096;

    @AttributeDefinition(description = "Engine.IO pingInterval (ms)")
    long pingIntervalMillis() default 25_000L;

    @AttributeDefinition(description = "Engine.IO pingTimeout (ms)")
    long pingTimeoutMillis() default 20_000L;

    @AttributeDefinition(description = "ICE server URIs for webrtc_* (stun:, turn:, turns:)")
    String[] iceUris() default {};

    @AttributeDefinition(description = "TURN REST API shared secret (coturn static-auth-secret); empty: no"
            + " webrtc_credentials")
    String turnSecret() default "";

    @AttributeDefinition(description = "lifetime of TURN credentials (s)")
    long turnTtlSeconds() default 86_400L;
}
