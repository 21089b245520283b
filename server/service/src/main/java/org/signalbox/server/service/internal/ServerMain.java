package org.signalbox.server.service.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.cli.CliContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The process's main in a distribution without {@code org.signalbox.core} (the {@code server} profile), where
 * nothing else reads the command line. With core installed, core's command line runs {@code server} instead.
 * The launcher installs every bundle before starting any, so the check below sees the whole distribution.
 */
@Component
public final class ServerMain {

    private static final String CORE = "org.signalbox.core";
    private static final String ARGUMENTS = "signalbox.args";

    private final ServiceRegistration<?> registration;

    @Activate
    public ServerMain(BundleContext context, @Reference ConfigurationAdmin configurations) {
        boolean coreInstalled = Arrays.stream(context.getBundles()).anyMatch(b -> CORE.equals(b.getSymbolicName()));
        if (coreInstalled) {
            registration = null;
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("main.thread", "true");
        Callable<Integer> main = () -> run(context, configurations);
        registration = context.registerService(Callable.class, main, props);
    }

    @Deactivate
    void stop() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private static int run(BundleContext context, ConfigurationAdmin configurations) {
        String count = context.getProperty(ARGUMENTS + ".count");
        String[] args = new String[count == null ? 0 : Integer.parseInt(count)];
        for (int i = 0; i < args.length; i++) {
            args[i] = context.getProperty(ARGUMENTS + "." + i);
        }
        CommandLine cli = new CommandLine(new Root());
        cli.addSubcommand("server", new ServerCommand(context, configurations));
        cli.setErr(new PrintWriter(System.err, true));
        cli.getCommandSpec().exitCodeOnInvalidInput(1);
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().exitCodeOnInvalidInput(1));
        return cli.execute(args);
    }

    /** The global options that {@code server} reads, as core's command line names them. */
    @Command(name = "signalbox", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "server",
            description = "Signalbox messaging server distribution: only the 'server' command.")
    static final class Root implements CliContext, Callable<Integer> {

        @Option(names = {"-c", "--config", "-d", "--data-dir"}, paramLabel = "DIR",
                description = "Data directory (default: $XDG_DATA_HOME/signalbox or ~/.local/share/signalbox).")
        Path config;

        @Option(names = {"-v", "--verbose"}, description = "Accepted for compatibility with the full command line.")
        boolean[] verbose = new boolean[0];

        @Override
        public Integer call() {
            new CommandLine(this).usage(System.err);
            return 1;
        }

        @Override
        public Optional<String> account() {
            return Optional.empty();
        }

        @Override
        public Path configDirectory() {
            return config != null ? config : CliContext.defaultConfigDirectory();
        }

        @Override
        public boolean jsonOutput() {
            return false;
        }

        @Override
        public void awaitReady() {
            // the server command needs nothing else
        }
    }
}
