package org.signalbox.conformance.inframework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.JsonRpcEngine;

/**
 * Messaging follows its storage backend service: when the service it uses is replaced by another that matches
 * its filter, the accounts it has open are reopened through the new one, under the same account objects, and the
 * old one is used no more; the connected client is served with the account's data as it was.
 */
class StorageBackendTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String ALICE = "+15550001111";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 30_000)
    JsonRpcEngine engine;

    @InjectService(timeout = 30_000)
    ConfigurationAdmin configurations;

    @InjectService(filter = "(signalbox.storage=memory)", timeout = 30_000)
    StorageBackend memory;

    @Test
    void aReplacedStorageBackendServiceTakesOverTheOpenAccounts() throws Exception {
        ProbeBackend first = new ProbeBackend(memory);
        ProbeBackend second = new ProbeBackend(memory);
        ServiceRegistration<StorageBackend> firstRegistration = register(first);
        Configuration messaging = configurations.getConfiguration("org.signalbox.messaging", "?");
        Path data = Files.createTempDirectory("signalbox-inframework-");
        Dictionary<String, Object> config = new Hashtable<>();
        config.put("dataDirectory", data.toString());
        config.put("StorageBackend.target", "(signalbox.storage=probe)");
        config.put("exclusive", true);
        try (Client client = new Client(engine)) {
            messaging.update(config);
            await().atMost(SETTLE).until(() -> !register(client).failed());
            assertThat(first.opened).as("the account was created through the first backend").hasPositiveValue();

            ServiceRegistration<StorageBackend> secondRegistration = register(second);
            first.retire();
            firstRegistration.unregister();
            await().atMost(SETTLE).until(() -> second.opened.get() > 0);
            assertThat(first.closed.get()).as("each store of the first backend closed").isEqualTo(first.opened.get());

            Answer again = register(client);
            assertThat(again.failed()).as("the account, as it was: " + again.failure()).isFalse();
            Answer deleted = client.call("deleteLocalAccountData", Client.params().put("account", ALICE));
            assertThat(deleted.failed()).as("its data read and deleted through the new backend: "
                    + deleted.failure()).isFalse();
            assertThat(first.usedWhileRetired).as("the first backend, once replaced, is not used").hasValue(0);
            secondRegistration.unregister();
        } finally {
            messaging.delete();
        }
    }

    private ServiceRegistration<StorageBackend> register(ProbeBackend backend) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(StorageBackend.PROPERTY, "probe");
        return context.registerService(StorageBackend.class, backend, properties);
    }

    private static Answer register(Client client) {
        return client.call("register", Client.params().put("account", ALICE));
    }
}
