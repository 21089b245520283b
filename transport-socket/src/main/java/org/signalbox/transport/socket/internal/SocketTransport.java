package org.signalbox.transport.socket.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.ReceiveMode;
import org.signalbox.api.transport.Transport;

/**
 * JSON-RPC on one listening socket, TCP or UNIX domain, per factory configuration of {@value #FACTORY_PID}: every
 * accepted client is its own JSON-RPC connection (own subscriptions, own automatic receive), one JSON value per
 * line each way.
 */
@Component(configurationPid = SocketTransport.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, immediate = true)
@Designate(ocd = SocketConfig.class, factory = true)
public final class SocketTransport extends SocketListener {

    public static final String FACTORY_PID = "org.signalbox.transport.socket";

    @Activate
    public SocketTransport(SocketConfig config, @Reference JsonRpcEngine engine) {
        super(label(config), unixPath(config), () -> bind(config), peer -> engine.open(peer, options(config)),
                config.maxLineBytes(), config.writeTimeoutMillis(), config.settleMillis());
    }

    private static String kind(SocketConfig config) {
        return config.kind().toLowerCase(Locale.ROOT);
    }

    private static Path unixPath(SocketConfig config) {
        return kind(config).equals("unix") && !config.path().isBlank() ? Path.of(config.path()).toAbsolutePath()
                : null;
    }

    private static String label(SocketConfig config) {
        return kind(config).equals("unix") ? "unix:" + unixPath(config)
                : kind(config) + ":" + config.host() + ":" + config.port();
    }

    private static ReceiveMode mode(SocketConfig config) {
        return ReceiveMode.fromConfiguration(config.receiveMode());
    }

    private static ConnectionOptions options(SocketConfig config) {
        return new ConnectionOptions(config.account().isBlank() ? Optional.empty()
                : Optional.of(config.account().strip()), mode(config).automatic());
    }

    private static java.nio.channels.ServerSocketChannel bind(SocketConfig config) throws IOException {
        mode(config); // a bad word fails the instance with its reason before anything is bound
        return switch (kind(config)) {
            case "tcp" -> bindTcp(config.host(), config.port(), config.allowRemote(),
                    "JSON-RPC over TCP has no authentication");
            case "unix" -> {
                if (unixPath(config) == null) {
                    throw new IllegalArgumentException("A unix socket transport needs a path");
                }
                yield bindUnix(unixPath(config));
            }
            default -> throw new IllegalArgumentException("kind must be tcp or unix, not '" + config.kind() + "'");
        };
    }

    @Deactivate
    void stop() throws IOException {
        stopListening();
    }
}
