package org.signalbox.core.cli.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.FrameworkUtil;
import org.signalbox.api.cli.CliContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code signalbox}'s global options, named as signal-cli names them so scripts and clients keep working. The
 * D-Bus and logging-detail options signal-cli has are accepted and reported as not supported.
 */
@Command(name = "signalbox", mixinStandardHelpOptions = true, versionProvider = RootCommand.VersionText.class,
        description = "Signal-protocol messaging daemon, compatible with signal-cli's JSON-RPC interface.",
        synopsisSubcommandLabel = "COMMAND", sortOptions = false,
        footer = {"", "Every JSON-RPC method is also a command: 'signalbox -a ACCOUNT listContacts'.",
            "Exit status: 0 ok, 1 user error, 2 unexpected, 3 I/O, 4 untrusted identity, 5 rate limited."})
final class RootCommand implements CliContext, Callable<Integer> {

    @Option(names = {"-a", "--account", "-u", "--username"}, paramLabel = "ACCOUNT",
            description = "The account (E.164 number or UUID) for single-account mode.")
    String account;

    @Option(names = {"-c", "--config", "-d", "--data-dir"}, paramLabel = "DIR",
            description = "Data directory (default: $XDG_DATA_HOME/signalbox or ~/.local/share/signalbox).")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "MODE", defaultValue = "plain-text",
            description = "Output of one-shot commands: plain-text or json.")
    String output;

    // before the command only, as signal-cli has it: after one, -v is that command's own (register -v is --voice)
    @Option(names = {"-v", "--verbose"}, description = "More log output on stderr; repeat for more.")
    boolean[] verbose = new boolean[0];

    @Option(names = "--storage", paramLabel = "NAME",
            description = "Storage backend: sqlite (default) or memory, or any installed backend.")
    String storage;

    @Option(names = "--server", paramLabel = "URI",
            description = "Messaging server, e.g. ws://127.0.0.1:15380/api (default: $SIGNALBOX_SERVER, else the "
                    + "embedded server, started in this process).")
    java.net.URI server;

    @Option(names = "--trust-new-identities", paramLabel = "MODE", hidden = true)
    String trustNewIdentities;

    @Option(names = "--service-environment", paramLabel = "ENV", hidden = true)
    String serviceEnvironment;

    @Option(names = "--log-file", paramLabel = "FILE", hidden = true)
    Path logFile;

    // an array, so that several of these flags may be given together
    @Option(names = {"--scrub-log", "--disable-send-log", "--dbus", "--dbus-system"}, hidden = true)
    boolean[] unsupportedFlags;

    @Option(names = "--bus-name", hidden = true)
    String busName;

    @Spec
    CommandSpec spec;

    /** Filled by {@code jsonRpc}, {@code daemon} or {@code receive}, whichever runs. */
    final ReceiveOptions receiveOptions = new ReceiveOptions();

    private final Runtime runtime;

    RootCommand(Runtime runtime) {
        this.runtime = runtime;
    }

    /** No command given: usage on stderr, exit 1, as signal-cli. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 1;
    }

    @Override
    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    @Override
    public Path configDirectory() {
        return config != null ? config : CliContext.defaultConfigDirectory();
    }

    @Override
    public boolean jsonOutput() {
        return "json".equalsIgnoreCase(output);
    }

    @Override
    public void awaitReady() throws Exception {
        runtime.start(this, true, true, true);
    }

    /** {@code --server}, else {@code SIGNALBOX_SERVER}, else none (the embedded server). */
    java.net.URI serverUri() {
        if (server != null) {
            return server;
        }
        String env = System.getenv("SIGNALBOX_SERVER");
        return env == null || env.isBlank() ? null : java.net.URI.create(env.strip());
    }

    void applyLogLevel() {
        Level level = switch (verbose.length) {
            case 0 -> Level.INFO;
            case 1 -> Level.FINE;
            default -> Level.ALL;
        };
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (var h : root.getHandlers()) {
            h.setLevel(level);
        }
        if (unsupportedFlags != null || busName != null) {
            System.getLogger("Cli").log(System.Logger.Level.WARNING,
                    "D-Bus and send-log options are not supported by Signalbox and are ignored");
        }
    }

    /** signal-cli's own line first, so that clients matching {@code signal-cli X.Y.Z} read the contract version. */
    static String versionLine(String signalCli, String signalbox) {
        return "signal-cli " + signalCli + " (signalbox " + signalbox + ")";
    }

    /** {@code --version}: one line, like signal-cli's. */
    static final class VersionText implements IVersionProvider {
        @Override
        public String[] getVersion() {
            // both versions are the build's, which bnd writes into every bundle's manifest
            Dictionary<String, String> headers = FrameworkUtil.getBundle(RootCommand.class).getHeaders();
            return new String[] {versionLine(headers.get("Signal-Cli-Version"), headers.get("Signalbox-Version"))};
        }
    }
}
