package org.signalbox.conformance.inframework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.JsonRpcEngine;

/**
 * The engine's method whiteboard, in a real framework: a bundle's methods are served to a client that was connected
 * before the bundle came, while it is updated, and not after it is uninstalled; the client is served throughout.
 */
class MethodBundleTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    JsonRpcEngine engine;

    @Test
    void aMethodBundleInstalledUpdatedAndUninstalledWhileAClientIsConnected() throws Exception {
        try (Client client = new Client(engine)) {
            assertThat(echo(client).failure().code()).as("not installed yet").isEqualTo(-32601);

            Bundle echo = context.installBundle(Client.bundle(context, "org.signalbox.example.echo"));
            echo.start();
            await().atMost(SETTLE).until(() -> !echo(client).failed());
            assertThat(echo(client).result().path("text").asText()).isEqualTo("hihi");
            assertThat(client.call("rpc.discover").result().path("methods").findValuesAsText("name"))
                    .contains("echo");

            long before = echo.getLastModified();
            echo.update();
            assertThat(echo.getLastModified()).as("updated").isGreaterThanOrEqualTo(before);
            await().atMost(SETTLE).until(() -> !echo(client).failed());
            assertThat(echo(client).result().path("text").asText()).as("served by the updated bundle")
                    .isEqualTo("hihi");

            echo.uninstall();
            assertThat(echo(client).failure().code()).as("gone with its bundle").isEqualTo(-32601);
            assertThat(client.call("rpc.discover").result().path("methods").findValuesAsText("name"))
                    .doesNotContain("echo");
            assertThat(client.call("version").failed()).as("the same client, served throughout").isFalse();
        }
    }

    /** A params error would also say the method is served; only -32601 says it is not. */
    private static Answer echo(Client client) {
        return client.call("echo", Client.params().put("text", "hi").put("times", 2));
    }
}
