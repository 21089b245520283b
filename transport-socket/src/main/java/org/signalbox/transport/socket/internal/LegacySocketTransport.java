package org.signalbox.transport.socket.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.Transport;

/**
 * Seed 000's socket dialect ({@code sendMessage}, {@code getContacts}, … and {@code {"envelope":…}} lines) on TCP,
 * one instance per factory configuration of {@value #FACTORY_PID} ({@code daemon --legacy-socket}). Any number of
 * clients; each gets every envelope of the account, and envelopes wait in the store while none is connected.
 */
@Component(configurationPid = LegacySocketTransport.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, immediate = true)
@Designate(ocd = LegacyConfig.class, factory = true)
public final class LegacySocketTransport extends SocketListener {

    public static final String FACTORY_PID = "org.signalbox.transport.legacy";

    @Activate
    public LegacySocketTransport(LegacyConfig config, @Reference JsonRpcEngine engine, @Reference Accounts accounts) {
        super("legacy:" + config.host() + ":" + config.port(), null, () -> bind(config),
                peer -> new LegacyDialect(peer, engine, accounts, config.account()), config.maxLineBytes(),
                config.writeTimeoutMillis(), config.settleMillis());
    }

    private static java.nio.channels.ServerSocketChannel bind(LegacyConfig config) throws IOException {
        return bindTcp(config.host(), config.port(), config.allowRemote(), "The legacy dialect has no authentication");
    }

    @Deactivate
    void stop() throws IOException {
        stopListening();
    }
}
