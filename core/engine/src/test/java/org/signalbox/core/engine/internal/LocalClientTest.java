package org.signalbox.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An in-process client gets answers and notifications as trees, through the same rules as a text client. */
class LocalClientTest {

    private final JsonRpcEngineImpl engine = TestMethods.engine(EngineLimits.DEFAULTS);
    private final List<Notification> got = new CopyOnWriteArrayList<>();
    private final LocalPeer peer = new LocalPeer() {
        @Override
        public String transport() {
            return "test";
        }

        @Override
        public boolean notify(Notification notification, Handover handover) {
            got.add(notification);
            handover.kept();
            return true;
        }
    };

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private static ObjectNode params() {
        return Json.MAPPER.createObjectNode();
    }

    @Test
    void answersAreTreesAndErrorsKeepTheirCodeMessageAndData() {
        LocalClient client = engine.client(peer, new ConnectionOptions(Optional.empty(), false));
        Answer version = client.call("version", params(), Duration.ofSeconds(10));
        assertThat(version.failed()).isFalse();
        assertThat(version.result().path("version").isTextual()).isTrue();

        Answer wrong = client.call("acknowledge", params().put("delivery", "x"), Duration.ofSeconds(10));
        assertThat(wrong.failure().code()).isEqualTo(-32602);
        assertThat(wrong.failure().data().path("param").asText()).isEqualTo("delivery");

        Answer missing = client.call("nope", params(), Duration.ofSeconds(10));
        assertThat(missing.failure().code()).isEqualTo(-32601);
        assertThat(missing.result().isMissingNode()).isTrue();
        client.close();
    }

    @Test
    void notificationsNameEventAndAccountAndCarryPayloadAndParams() {
        LocalClient client = engine.client(peer, new ConnectionOptions(Optional.empty(), true));
        int explicit = client.call("subscribe", params(), Duration.ofSeconds(10)).result().asInt();
        assertThat(engine.publish("receive", "+15550001111", Map.of("account", "+15550001111"))).isEqualTo(2);
        assertThat(got).hasSize(2).allSatisfy(n -> {
            assertThat(n.event()).isEqualTo("receive");
            assertThat(n.account()).hasValue("+15550001111");
            assertThat(n.payload().path("account").asText()).isEqualTo("+15550001111");
        });
        assertThat(got).anySatisfy(n -> assertThat(n.params()).as("automatic: the payload").isEqualTo(n.payload()));
        assertThat(got).anySatisfy(n -> {
            assertThat(n.params().path("subscription").asInt()).isEqualTo(explicit);
            assertThat(n.params().path("result")).isEqualTo(n.payload());
        });

        client.close();
        assertThat(engine.subscribed("receive", "+15550001111")).as("its subscriptions end with it").isFalse();
    }
}
