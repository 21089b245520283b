package org.signalbox.server.service.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.signalbox.api.cli.CliContext;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.server.protocol.ServerEndpoint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code signalbox server}: configures the server component, prints its URI on stdout, runs until stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the messaging server (seed 001 over WebSocket on /api) until the process is stopped.",
            "Prints the URI clients connect to on stdout; its database is in DIR/server (-c DIR)."})
final class ServerCommand implements Callable<Integer> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @ParentCommand
    CliContext parent;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + Settings.DEFAULT_PORT,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--registration-token", paramLabel = "TOKEN",
            description = "Require this token to register a number (default: open registration; also from "
                    + "the environment variable SIGNALBOX_REGISTRATION_TOKEN).")
    String registrationToken;

    @Option(names = "--turn-uri", paramLabel = "URI",
            description = "A TURN server calls may relay through (turn:HOST:PORT, turns:…); repeatable. Needs "
                    + "--turn-secret-file.")
    List<String> turnUris = List.of();

    @Option(names = "--turn-secret-file", paramLabel = "FILE",
            description = "File holding the TURN REST API secret shared with the TURN servers (coturn's "
                    + "static-auth-secret); a file, so the secret is not in the process list.")
    Path turnSecretFile;

    @Option(names = "--storage", paramLabel = "NAME", defaultValue = "sqlite",
            description = "Storage backend of the server's database (default: ${DEFAULT-VALUE}).")
    String storage;

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    ServerCommand(BundleContext context, ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    @Override
    public Integer call() throws Exception {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            System.err.println("--listen needs HOST:PORT, e.g. 127.0.0.1:15380");
            return 1;
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            System.err.println("--listen: '" + listen.substring(colon + 1) + "' is not a port number");
            return 1;
        }
        String token = registrationToken != null ? registrationToken
                : System.getenv().getOrDefault("SIGNALBOX_REGISTRATION_TOKEN", "");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("host", host);
        props.put("port", port);
        props.put("dataDir", parent.configDirectory().resolve("server").toString());
        props.put("registrationToken", token);
        if (!turnUris.isEmpty()) {
            if (turnSecretFile == null) {
                System.err.println("--turn-uri needs --turn-secret-file: the secret the TURN server checks with");
                return 1;
            }
            props.put("turnUris", turnUris.toArray(String[]::new));
            props.put("turnSecret", Files.readString(turnSecretFile).strip());
        }
        props.put("StorageBackend.target", "(" + StorageBackend.PROPERTY + "=" + storage + ")");
        ServerEndpoint endpoint = ServerStarter.start(context, configurations, props, START_TIMEOUT);
        if (endpoint == null) {
            System.err.println("The messaging server did not start (see the log above; is the port free and "
                    + "the '" + storage + "' storage backend installed?)");
            return 3;
        }
        System.out.println(endpoint.uri());
        System.out.flush();
        System.getLogger("Server").log(System.Logger.Level.INFO,
                "Sealed-sender trust root (base64): " + endpoint.trustRoot());
        new CountDownLatch(1).await(); // until the process is stopped
        return 0;
    }
}
