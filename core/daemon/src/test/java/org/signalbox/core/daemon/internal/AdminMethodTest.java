package org.signalbox.core.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.core.engine.internal.JsonRpcEngineImpl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class AdminMethodTest {

    private static final Accounts NONE = new Accounts() {
        @Override
        public List<Account> list() {
            return List.of();
        }

        @Override
        public Optional<Account> find(String numberOrUuid) {
            return Optional.empty();
        }
    };

    @Test
    void transportAdministrationIsRefusedToClientsElsewhere() throws Exception {
        JsonRpcEngineImpl engine = new JsonRpcEngineImpl(NONE);
        engine.addMethod(new ListTransports(null)); // refused before it would look at the framework
        LocalClient client = engine.client(LocalPeer.requestsOnly("test", false), // a client elsewhere
                new ConnectionOptions(Optional.empty(), false));
        try {
            Answer answer = client.call("listTransports", JsonNodeFactory.instance.objectNode(),
                    Duration.ofSeconds(10));
            assertThat(answer.failure().code()).isEqualTo(-1);
            assertThat(answer.failure().message())
                    .isEqualTo("Transport administration is only for clients on this machine");
        } finally {
            client.close();
            engine.deactivate();
        }
    }

    @Test
    void anUnknownKindNamesTheKindsThereAre() {
        TransportKinds kinds = new TransportKinds();
        assertThatThrownBy(() -> kinds.require("mqtt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No bundle in this distribution serves transport kind 'mqtt' (kinds served: )");
    }
}
