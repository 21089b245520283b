package org.signalbox.transport.socket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One legacy socket instance: a factory configuration of {@value LegacySocketTransport#FACTORY_PID}. */
@ObjectClassDefinition(name = "Signalbox legacy socket",
        description = "The socket IPC dialect of Matteljay's signal-cli fork (seed 000) over TCP")
public @interface LegacyConfig {

    @AttributeDefinition(description = "the address to bind")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "the port; 0 picks a free one")
    int port() default 24250;

    @AttributeDefinition(description = "the account the dialect acts for (a number); empty: the only account")
    String account() default "";

    @AttributeDefinition(description = "allow a bind beyond loopback: the dialect has no authentication, so anyone"
            + " who reaches the port controls the account")
    boolean allowRemote() default false;

    @AttributeDefinition(description = "longest command line accepted, in bytes")
    long maxLineBytes() default 1_048_576L;

    @AttributeDefinition(description = "a client that takes no data for this long is disconnected (ms)")
    long writeTimeoutMillis() default 10_000L;

    @AttributeDefinition(description = "a received message written to a client leaves the store once the"
            + " connection lasted this long after it or ended cleanly; a reset or failed write before returns it (ms)")
    long settleMillis() default org.signalbox.api.transport.Handovers.DEFAULT_SETTLE_MILLIS;
}
