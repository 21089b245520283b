package org.signalbox.core.daemon.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.signalbox.api.cli.CliContext;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.ReceiveMode;
import org.signalbox.api.transport.TransportKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code signalbox daemon}: serves JSON-RPC on the channels its flags name, each a factory configuration of the
 * transport kind that serves it (the same configurations a {@code conf/*.cfg} file can create), until the process
 * is stopped. signal-cli's flags name the built-in kinds; {@code --transport KIND=ADDRESS} names any kind an
 * installed bundle advertises. Received messages also go to stdout, one {@code {envelope, account}} JSON object
 * per line, unless {@code --no-receive-stdout}.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve JSON-RPC on UNIX sockets, TCP or HTTP until stopped.")
final class DaemonCommand implements Callable<Integer> {

    @ParentCommand
    CliContext cli;

    @Option(names = "--socket", arity = "0..1", paramLabel = "PATH", fallbackValue = "",
            description = "JSON-RPC on a UNIX domain socket (default $XDG_RUNTIME_DIR/signalbox/socket).")
    String socket;

    @Option(names = "--tcp", arity = "0..1", paramLabel = "HOST:PORT", fallbackValue = "",
            description = "JSON-RPC on TCP (default localhost:7583); a bind beyond loopback needs --allow-remote.")
    String tcp;

    @Option(names = "--http", arity = "0..1", paramLabel = "HOST:PORT", fallbackValue = "",
            description = "JSON-RPC over HTTP, Server-Sent Events and WebSocket, and a Socket.IO dialect (default "
                    + "localhost:8080); a bind beyond loopback needs a token in SIGNALBOX_HTTP_TOKEN.")
    String http;

    @Option(names = "--legacy-socket", arity = "0..1", paramLabel = "HOST:PORT", fallbackValue = "",
            description = "The socket dialect of the old signal-cli fork (sendMessage, getContacts, envelope lines;"
                    + " default 127.0.0.1:24250); a bind beyond loopback needs --allow-remote.")
    String legacySocket;

    @Option(names = "--transport", paramLabel = "KIND[=ADDRESS]",
            description = "A transport of any kind an installed bundle serves (tcp, unix, http, legacy, ...), at "
                    + "ADDRESS or the kind's default; repeatable.")
    List<String> transports = new ArrayList<>();

    @Option(names = "--allow-remote", description = "Let --tcp and --legacy-socket bind beyond loopback. Their "
            + "clients present no credential, so anyone who reaches the port can act for every account served.")
    boolean allowRemote;

    @Option(names = "--receive-mode", paramLabel = "MODE", defaultValue = "on-start",
            description = "on-start, on-connection or manual (manual: clients get no automatic receive "
                    + "notifications).")
    String receiveMode;

    @Option(names = "--no-receive-stdout", description = "Do not print received messages to stdout.")
    boolean noReceiveStdout;

    @Option(names = {"--dbus", "--dbus-system", "--system"},
            description = "signal-cli's D-Bus interface: not supported, refused with exit status 1.")
    boolean[] dbus;

    @Option(names = "--bus-name", paramLabel = "NAME", description = "The D-Bus name: not supported either.")
    String busName;

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final JsonRpcEngine engine;
    private final TransportKinds kinds;

    DaemonCommand(BundleContext context, ConfigurationAdmin configurations, JsonRpcEngine engine,
            TransportKinds kinds) {
        this.context = context;
        this.configurations = configurations;
        this.engine = engine;
        this.kinds = kinds;
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
        if (dbus != null || busName != null) {
            System.err.println("D-Bus is not supported by Signalbox: serve JSON-RPC with --socket, --tcp or --http");
            return 1;
        }
        List<Channel> channels = new ArrayList<>();
        try {
            channel(channels, "--socket", "unix", socket);
            channel(channels, "--tcp", "tcp", tcp);
            channel(channels, "--http", "http", http);
            channel(channels, "--legacy-socket", "legacy", legacySocket);
            for (String t : transports) {
                int eq = t.indexOf('=');
                channel(channels, "--transport", eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (channels.isEmpty()) {
            System.err.println("Nothing to serve: give at least one of --socket, --tcp, --http, --legacy-socket or "
                    + "--transport");
            return 1;
        }
        cli.awaitReady();
        PrintStream stdout = System.out;
        System.setOut(System.err); // stdout carries received messages only
        Map<String, Object> extra = new HashMap<>();
        extra.put("receiveMode", mode.toString());
        extra.put("allowRemote", allowRemote);
        cli.account().ifPresent(a -> extra.put("account", a));
        List<Configuration> created = new ArrayList<>();
        LocalClient printer = null;
        try {
            for (Channel c : channels) {
                TransportConfigs.Started started = TransportConfigs.start(context, configurations, c.factoryPid,
                        c.configuration, extra);
                if (started.failure() != null) {
                    System.err.println(c.flag + ": " + started.failure());
                    return 3;
                }
                created.add(started.configuration());
            }
            if (!noReceiveStdout && mode.automatic()) {
                printer = engine.client(new ReceivedToStdout(new FileOutputStream(FileDescriptor.out)),
                        new ConnectionOptions(cli.account(), true));
            }
            new CountDownLatch(1).await(); // until the process is stopped
            return 0;
        } finally {
            if (printer != null) {
                printer.close();
            }
            created.forEach(TransportConfigs::delete);
            System.setOut(stdout);
        }
    }

    /** A flag that was given ({@code value} not null; empty for the kind's default address) as a channel. */
    private void channel(List<Channel> channels, String flag, String kindName, String value) {
        if (value == null) {
            return;
        }
        TransportKind kind = kinds.require(kindName);
        String address = value.isEmpty() ? kind.defaultAddress() : value;
        String given = flag.equals("--transport") ? kindName + "=" + address : address;
        // a bad address is refused here, before anything is started
        channels.add(new Channel(flag + " " + given, kind.factoryPid(), kind.configuration(address)));
    }

    private record Channel(String flag, String factoryPid, Map<String, Object> configuration) {
    }
}
