package com.example.signalbox.lines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * One listening TCP socket per configuration; every client is its own JSON-RPC connection of the engine. The
 * transport frames lines and owns sockets; what the lines mean is the engine's business.
 */
@Component(configurationPid = LinesTransport.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Transport.class, immediate = true)
@Designate(ocd = LinesConfig.class, factory = true)
public final class LinesTransport implements Transport {

    static final String FACTORY_PID = "com.example.signalbox.lines";
    private static final System.Logger LOG = System.getLogger("Lines");

    private final LinesConfig config;
    private final JsonRpcEngine engine;
    private final Set<LinesClient> clients = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile String name;
    private volatile State state = State.STARTING;
    private volatile Optional<String> failure = Optional.empty();

    @Activate
    public LinesTransport(LinesConfig config, @Reference JsonRpcEngine engine) {
        this.config = config;
        this.engine = engine;
        this.name = "tcp:" + config.host() + ":" + config.port();
        try {
            ReceiveMode.fromConfiguration(config.receiveMode()); // a bad word fails the instance, saying why
            InetAddress host = InetAddress.getByName(config.host());
            if (!host.isLoopbackAddress() && !config.allowRemote()) {
                throw new IllegalArgumentException("binding to " + config.host()
                        + " (not loopback) needs allowRemote=true: the line protocol has no authentication");
            }
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(host, config.port()));
            server = s;
            name = "tcp:" + s.getInetAddress().getHostAddress() + ":" + s.getLocalPort();
            state = State.RUNNING;
            Thread.ofVirtual().name("accept-" + name).start(this::accept);
            LOG.log(System.Logger.Level.INFO, "Listening on " + name);
        } catch (IOException | IllegalArgumentException e) {
            // the instance stays registered, FAILED with the reason: listTransports and the daemon show it
            failure = Optional.of(String.valueOf(e.getMessage()));
            state = State.FAILED;
            LOG.log(System.Logger.Level.ERROR, "Cannot serve on " + name + ": " + failure.get());
        }
    }

    private void accept() {
        ConnectionOptions options = new ConnectionOptions(
                config.account().isBlank() ? Optional.empty() : Optional.of(config.account().strip()),
                ReceiveMode.fromConfiguration(config.receiveMode()).automatic());
        while (state == State.RUNNING) {
            try {
                Socket socket = server.accept();
                LinesClient client = new LinesClient(socket, config.maxLineBytes(), config.settleMillis(),
                        clients::remove);
                clients.add(client);
                client.start(engine, options);
            } catch (IOException e) {
                if (state == State.RUNNING) {
                    LOG.log(System.Logger.Level.WARNING, "Accepting on " + name + ": " + e.getMessage());
                }
            }
        }
    }

    @Deactivate
    void stop() {
        state = State.STOPPING;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + name + ": " + e.getMessage());
        }
        clients.forEach(LinesClient::close);
        state = State.STOPPED;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String endpoint() {
        return name;
    }

    @Override
    public int connections() {
        return clients.size();
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<String> failure() {
        return failure;
    }
}
