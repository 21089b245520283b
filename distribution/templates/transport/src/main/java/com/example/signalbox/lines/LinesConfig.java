package com.example.signalbox.lines;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.signalbox.api.transport.Handovers;

/**
 * One instance of the transport: a factory configuration of {@value LinesTransport#FACTORY_PID}, made by
 * {@code daemon --tcp}, {@code startTransport} or a {@code conf/*.cfg} file. {@code host} and {@code port} come
 * from the address ({@link LinesKind}); {@code receiveMode}, {@code account} and {@code allowRemote} from the daemon.
 */
@ObjectClassDefinition(name = "Lines transport (example)", description = "JSON-RPC lines over TCP")
public @interface LinesConfig {

    @AttributeDefinition(description = "the address to bind; loopback unless allowRemote")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "the port; 0 picks a free one")
    int port() default 7583;

    @AttributeDefinition(description = "allow a bind beyond loopback (the line protocol has no authentication)")
    boolean allowRemote() default false;

    @AttributeDefinition(description = "on-start, on-connection or manual")
    String receiveMode() default "on-start";

    @AttributeDefinition(description = "single-account mode for every client (a number); empty: multi-account")
    String account() default "";

    @AttributeDefinition(description = "longest line accepted, in bytes; a longer one is answered -32700")
    long maxLineBytes() default 67_108_864L;

    @AttributeDefinition(description = "a stored message written to a client leaves the store once the client"
            + " stayed this long after it or ended cleanly (ms)")
    long settleMillis() default Handovers.DEFAULT_SETTLE_MILLIS;
}
