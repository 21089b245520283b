package org.signalbox.transport.socket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One socket transport instance: a factory configuration of {@value SocketTransport#FACTORY_PID}. */
@ObjectClassDefinition(name = "Signalbox socket transport",
        description = "JSON-RPC over TCP or a UNIX domain socket, one JSON value per line")
public @interface SocketConfig {

    @AttributeDefinition(description = "tcp or unix")
    String kind() default "tcp";

    @AttributeDefinition(description = "TCP: the address to bind (loopback unless told otherwise)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP: the port; 0 picks a free one")
    int port() default 7583;

    @AttributeDefinition(description = "TCP: allow a bind beyond loopback; the line protocol has no authentication,"
            + " so anyone who reaches the port can use every account")
    boolean allowRemote() default false;

    @AttributeDefinition(description = "UNIX: the socket file; its parent directory is created private (0700)")
    String path() default "";

    @AttributeDefinition(description = "on-start, on-connection or manual: manual gives no automatic receive")
    String receiveMode() default "on-start";

    @AttributeDefinition(description = "single-account mode for every connection (a number); empty: multi-account")
    String account() default "";

    @AttributeDefinition(description = "longest line accepted, in bytes; longer lines get -32700")
    long maxLineBytes() default 67_108_864L;

    @AttributeDefinition(description = "a client that takes no data for this long is disconnected (ms)")
    long writeTimeoutMillis() default 10_000L;

    @AttributeDefinition(description = "a received message written to a client leaves the store once the"
            + " connection lasted this long after it or ended cleanly; a reset or failed write before returns it (ms)")
    long settleMillis() default org.signalbox.api.transport.Handovers.DEFAULT_SETTLE_MILLIS;
}
