package org.signalbox.core.internal.daemon;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.signalbox.api.cli.CliContext;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.ReceiveMode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code signalbox daemon}: serves JSON-RPC on the channels its flags name, each a factory configuration of its
 * transport bundle (the same configurations a {@code conf/*.cfg} file can create), until the process is stopped.
 * Received messages also go to stdout, one {@code {envelope, account}} JSON object per line, unless
 * {@code --no-receive-stdout}.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve JSON-RPC on UNIX sockets, TCP or HTTP until stopped.")
final class DaemonCommand implements Callable<Integer> {

    /** The bearer token of the {@code --http} transport; required when it binds beyond loopback. */
    static final String HTTP_TOKEN_ENV = "SIGNALBOX_HTTP_TOKEN";

    @ParentCommand
    CliContext cli;

    @Option(names = "--socket", arity = "0..1", paramLabel = "PATH", fallbackValue = "",
            description = "JSON-RPC on a UNIX domain socket (default $XDG_RUNTIME_DIR/signalbox/socket).")
    String socket;

    @Option(names = "--tcp", arity = "0..1", paramLabel = "HOST:PORT", fallbackValue = "localhost:7583",
            description = "JSON-RPC on TCP (default localhost:7583); a bind beyond loopback needs --allow-remote.")
    String tcp;

    @Option(names = "--http", arity = "0..1", paramLabel = "HOST:PORT", fallbackValue = "localhost:8080",
            description = "JSON-RPC over HTTP, Server-Sent Events and WebSocket, and a Socket.IO dialect (default "
                    + "localhost:8080); a bind beyond loopback needs a token in SIGNALBOX_HTTP_TOKEN.")
    String http;

    @Option(names = "--legacy-socket", arity = "0..1", paramLabel = "HOST:PORT", fallbackValue = "127.0.0.1:24250",
            description = "The socket dialect of the old signal-cli fork (sendMessage, getContacts, envelope lines;"
                    + " default 127.0.0.1:24250); a bind beyond loopback needs --allow-remote.")
    String legacySocket;

    @Option(names = "--allow-remote", description = "Let --tcp and --legacy-socket bind beyond loopback. Their "
            + "clients present no credential, so anyone who reaches the port can act for every account served.")
    boolean allowRemote;

    @Option(names = "--receive-mode", paramLabel = "MODE", defaultValue = "on-start",
            description = "on-start, on-connection or manual (manual: clients get no automatic receive "
                    + "notifications).")
    String receiveMode;

    @Option(names = "--no-receive-stdout", description = "Do not print received messages to stdout.")
    boolean noReceiveStdout;

    @Option(names = {"--ignore-attachments", "--ignore-stories", "--ignore-avatars", "--ignore-stickers",
        "--send-read-receipts"}, hidden = true)
    boolean acceptedForCompatibility;

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final JsonRpcEngine engine;

    DaemonCommand(BundleContext context, ConfigurationAdmin configurations, JsonRpcEngine engine) {
        this.context = context;
        this.configurations = configurations;
        this.engine = engine;
    }

    @Override
    public Integer call() throws Exception {
        ReceiveMode mode;
        try {
            mode = ReceiveMode.parse(receiveMode.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid receive mode: " + e.getMessage());
            return 1;
        }
        List<Channel> channels = new ArrayList<>();
        try {
            if (socket != null) {
                Path path = socket.isEmpty() ? Channels.defaultSocket() : Path.of(socket);
                channels.add(new Channel("--socket " + path, Channels.SOCKET_PID, Channels.SOCKET_BUNDLE,
                        Channels.unix(path)));
            }
            if (tcp != null) {
                Hashtable<String, Object> p = Channels.tcp(tcp);
                p.put("allowRemote", allowRemote);
                channels.add(new Channel("--tcp " + tcp, Channels.SOCKET_PID, Channels.SOCKET_BUNDLE, p));
            }
            if (http != null) {
                Hashtable<String, Object> p = Channels.address(http);
                // from the environment, not a flag: a flag would show the token to every user of ps
                String token = System.getenv(HTTP_TOKEN_ENV);
                if (token != null && !token.isBlank()) {
                    p.put("token", token.strip());
                }
                channels.add(new Channel("--http " + http, Channels.HTTP_PID, Channels.HTTP_BUNDLE, p));
            }
            if (legacySocket != null) {
                Hashtable<String, Object> p = Channels.address(legacySocket);
                p.put("allowRemote", allowRemote);
                channels.add(new Channel("--legacy-socket " + legacySocket, Channels.LEGACY_PID,
                        Channels.SOCKET_BUNDLE, p));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (channels.isEmpty()) {
            System.err.println("Nothing to serve: give at least one of --socket, --tcp, --http or --legacy-socket");
            return 1;
        }
        cli.awaitReady();
        PrintStream stdout = System.out;
        System.setOut(System.err); // stdout carries received messages only
        List<Configuration> created = new ArrayList<>();
        Connection printer = null;
        try {
            for (Channel c : channels) {
                c.properties.put("receiveMode", mode.toString());
                cli.account().ifPresent(a -> c.properties.put("account", a));
                TransportConfigs.Started started = TransportConfigs.start(context, configurations, c.pid, c.bundle,
                        c.properties);
                if (started.failure() != null) {
                    System.err.println(c.flag + ": " + started.failure());
                    return 3;
                }
                created.add(started.configuration());
            }
            if (!noReceiveStdout && mode.automatic()) {
                printer = engine.open(new ReceivedToStdout(new FileOutputStream(FileDescriptor.out)),
                        new ConnectionOptions(cli.account(), true));
            }
            new CountDownLatch(1).await(); // until the process is stopped
            return 0;
        } finally {
            if (printer != null) {
                printer.closed();
            }
            created.forEach(TransportConfigs::delete);
            System.setOut(stdout);
        }
    }

    private record Channel(String flag, String pid, String bundle, Hashtable<String, Object> properties) {
    }
}
