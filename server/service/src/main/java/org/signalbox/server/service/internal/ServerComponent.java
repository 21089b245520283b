package org.signalbox.server.service.internal;

import java.net.URI;
import java.util.Base64;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.server.protocol.ServerEndpoint;

/**
 * The server as a component: it runs while configuration {@value #PID} exists (from {@code signalbox server}, from
 * the daemon's embedded default, or from a {@code conf/} file), and restarts when it changes.
 */
// immediate: a delayed component would stop as soon as its last service user lets go of it
@Component(configurationPid = ServerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ServerConfig.class)
public final class ServerComponent implements ServerEndpoint {

    public static final String PID = "org.signalbox.server";

    private final MessagingServer server;

    @Activate
    public ServerComponent(ServerConfig config, @Reference(name = "StorageBackend") StorageBackend storage)
            throws Exception {
        this.server = MessagingServer.start(Settings.of(config), storage);
    }

    @Deactivate
    void stop() throws Exception {
        server.close();
    }

    @Override
    public URI uri() {
        return server.uri();
    }

    @Override
    public String trustRoot() {
        return Base64.getEncoder().encodeToString(server.authority().trustRoot().serialize());
    }
}
