package org.signalbox.core.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code org.signalbox.engine} (a {@code conf/org.signalbox.engine.cfg} file): what one client may
 * ask of the engine at once, so that no client can grow the daemon's memory without bound.
 */
@ObjectClassDefinition(name = "Signalbox JSON-RPC engine")
public @interface EngineConfig {

    @AttributeDefinition(description = "Requests of one connection running or waiting to be written; beyond it the"
            + " engine stops taking input from that connection until answers leave")
    int maxRequestsInFlight() default EngineLimits.DEFAULT_IN_FLIGHT;

    @AttributeDefinition(description = "Bytes of input of one connection whose requests are not answered yet")
    long maxBytesInFlight() default EngineLimits.DEFAULT_BYTES_IN_FLIGHT;

    @AttributeDefinition(description = "Requests in one batch; a longer batch is -32600")
    int maxBatch() default EngineLimits.DEFAULT_BATCH;

    @AttributeDefinition(description = "Items in one array param; more is -32602")
    int maxArrayItems() default EngineLimits.DEFAULT_ARRAY_ITEMS;
}
