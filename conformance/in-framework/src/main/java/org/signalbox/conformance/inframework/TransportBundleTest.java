package org.signalbox.conformance.inframework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.JsonRpcEngine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The daemon learns transport kinds from what transport bundles advertise: the socket transport installed into a
 * running framework, with no other bundle changed, can be started by {@code startTransport}, serves a real TCP
 * client, and its kind is gone again with the bundle.
 */
class TransportBundleTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    JsonRpcEngine engine;

    @Test
    void aTransportBundleAddedWithNoOtherBundleChanged() throws Exception {
        long[] others = Arrays.stream(context.getBundles()).mapToLong(Bundle::getLastModified).toArray();
        try (Client client = new Client(engine)) {
            assertThat(start(client).failure().code()).as("no tcp kind yet").isEqualTo(-32602);

            Bundle socket = context.installBundle(Client.bundle(context, "org.signalbox.transport.socket"));
            socket.start();
            Answer started = await().atMost(SETTLE).until(() -> start(client), a -> !a.failed());
            String name = started.result().path("name").asText();
            JsonNode listed = client.call("listTransports").result();
            assertThat(listed.findValuesAsText("name")).as("listTransports").contains(name);
            assertThat(name).startsWith("tcp:127.0.0.1:");
            int port = Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertThat(Client.MAPPER.readTree(line).path("result").has("version")).as(line).isTrue();
            }

            socket.uninstall();
            await().atMost(SETTLE).until(() -> start(client).failure() != null
                    && start(client).failure().code() == -32602);
        }
        long[] after = Arrays.stream(context.getBundles()).mapToLong(Bundle::getLastModified).toArray();
        assertThat(after).as("no other bundle was changed").isEqualTo(others);
    }

    private static Answer start(Client client) {
        return client.call("startTransport", Client.params().put("kind", "tcp").put("address", "127.0.0.1:0"));
    }
}
