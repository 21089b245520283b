package org.signalbox.conformance.inframework;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A client on this machine connected to the engine for the whole of a test, and where to find bundles to add. */
final class Client implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final LocalClient client;

    Client(JsonRpcEngine engine) {
        this.client = engine.client(LocalPeer.requestsOnly("in-framework test", true),
                new ConnectionOptions(Optional.empty(), false));
    }

    Answer call(String method, ObjectNode params) {
        return client.call(method, params, ANSWER);
    }

    Answer call(String method) {
        return call(method, params());
    }

    static ObjectNode params() {
        return MAPPER.createObjectNode();
    }

    /** The location of a bundle the build copied for the tests to install (in-framework.bndrun says where). */
    static String bundle(BundleContext context, String symbolicName) {
        return Path.of(context.getProperty("signalbox.inframework.bundles"), symbolicName + ".jar").toUri()
                .toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
