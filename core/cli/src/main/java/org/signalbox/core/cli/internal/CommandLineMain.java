package org.signalbox.core.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.cm.ConfigurationAdmin;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.cli.CliCommand;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageBackend;
import org.signalbox.api.transport.JsonRpcEngine;

import picocli.CommandLine;

/**
 * The process's main: the launcher calls this service (property {@code main.thread=true}) on the main thread
 * with the command line in the framework properties {@value #ARGUMENTS}{@code .*}, and exits with the returned status.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class CommandLineMain implements Callable<Integer> {

    /** Prefix of the framework properties holding the arguments: {@code .count}, then {@code .0}, {@code .1}... */
    public static final String ARGUMENTS = "signalbox.args";

    private static final System.Logger LOG = System.getLogger("Cli");

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    // optional: the server profile has neither, and its one command needs neither
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Accounts accounts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JsonRpcEngine engine;
    private final Map<String, StorageBackend> backends = new ConcurrentHashMap<>();
    private final List<CliCommand> commands = new CopyOnWriteArrayList<>();
    private final List<RpcMethod> methods = new CopyOnWriteArrayList<>();

    @Activate
    public CommandLineMain(BundleContext context, @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
    }


    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStorage(StorageBackend backend) {
        backends.put(backend.name(), backend);
    }

    void removeStorage(StorageBackend backend) {
        backends.remove(backend.name(), backend);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCommand(CliCommand command) {
        commands.add(command);
    }

    void removeCommand(CliCommand command) {
        commands.remove(command);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMethod(RpcMethod method) {
        methods.add(method);
    }

    void removeMethod(RpcMethod method) {
        methods.remove(method);
    }

    @Override
    public Integer call() throws Exception {
        String count = context.getProperty(ARGUMENTS + ".count");
        String[] args = new String[count == null ? 0 : Integer.parseInt(count)];
        for (int i = 0; i < args.length; i++) {
            args[i] = context.getProperty(ARGUMENTS + "." + i);
        }
        return run(args);
    }

    int run(String... args) throws Exception {
        Runtime runtime = new Runtime(configurations, () -> accounts, () -> java.util.Set.copyOf(backends.keySet()),
                context.getProperty(Runtime.STORAGE_PROPERTY));
        RootCommand root = new RootCommand(runtime);
        CommandLine cli = new CommandLine(root);
        for (CliCommand c : commands) {
            cli.addSubcommand(c.name(), c.command());
        }
        JsonRpcEngine rpc = engine;
        for (RpcMethod m : rpc == null ? List.<RpcMethod>of() : methods) {
            if (!cli.getSubcommands().containsKey(m.contract().name())) {
                cli.addSubcommand(m.contract().name(), OneShotCommand.spec(m, root, runtime, rpc));
            }
        }
        // one instance: only the subcommand that runs sets it
        cli.getSubcommands().forEach((name, sub) -> {
            if (ReceiveOptions.COMMANDS.contains(name)) {
                sub.addMixin("receiveOptions", root.receiveOptions);
            }
        });
        cli.setExecutionStrategy(parsed -> {
            root.applyLogLevel();
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CliException c) {
                command.getErr().println(c.getMessage());
                return c.exitStatus();
            }
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure", e);
            return 2;
        });
        // signal-cli exits 1 on argument errors
        cli.getCommandSpec().exitCodeOnInvalidInput(1);
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().exitCodeOnInvalidInput(1));
        cli.setErr(new PrintWriter(System.err, true));
        return cli.execute(args);
    }
}
