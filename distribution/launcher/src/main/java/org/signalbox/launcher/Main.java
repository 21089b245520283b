package org.signalbox.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.apache.felix.framework.Felix;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts Apache Felix with every bundle in {@code <home>/bundle}, then runs the service registered as
 * {@code java.util.concurrent.Callable} with {@code main.thread=true} on this thread and exits with its result.
 * {@code --shell} as the first argument also starts the Gogo shell; {@code --shell} alone runs only the shell,
 * until it stops the framework.
 */
public final class Main {

    /** Prefix of the framework properties holding the arguments: {@code .count}, then {@code .0}, {@code .1}... */
    static final String ARGUMENTS = "signalbox.args";
    static final String SHELL_FLAG = "--shell";
    static final String GOGO_SHELL = "org.apache.felix.gogo.shell";
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private static final Logger LOG = Logger.getLogger("Launcher");

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream err = System.err;
        StderrLogging.install(err);
        int status;
        try {
            status = run(args);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Cannot start Signalbox: " + e.getMessage(), e);
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args) throws Exception {
        boolean shell = args.length > 0 && args[0].equals(SHELL_FLAG);
        List<String> rest = new ArrayList<>(List.of(args));
        if (shell) {
            rest.remove(0);
        }
        Path home = Path.of(System.getProperty("signalbox.home", ".")).toAbsolutePath().normalize();
        Path cache = Files.createTempDirectory("signalbox-felix-");
        Map<String, String> config = frameworkConfig(home, cache, rest);
        Map<String, Object> felix = new HashMap<>(config);
        felix.put("felix.log.logger", new FelixLogger());
        Framework framework = new Felix(felix);
        // SIGTERM/SIGINT: stop the bundles (servers close their databases and sockets) and remove the cache
        Thread stopOnSignal = new Thread(() -> stop(framework, cache), "signalbox-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            framework.init();
            List<Bundle> bundles = install(framework.getBundleContext(), home.resolve("bundle"));
            framework.start();
            List<Bundle> order = new ArrayList<>(bundles);
            // Extenders (SCR, SPI Fly) and ServiceLoader providers (slf4j's binding) first: a bundle that starts
            // work at once, such as a component configured from conf/, must find them ready, or slf4j falls back
            // to its no-op logger for good.
            order.sort(Comparator.comparing(b -> !isExtenderOrProvider(b)));
            for (Bundle b : order) {
                if (!isFragment(b) && (shell || !GOGO_SHELL.equals(b.getSymbolicName()))) {
                    start(b);
                }
            }
            if (shell && rest.isEmpty()) {
                // just the console: runs until the shell stops the framework (gogo: "stop 0" or "exit")
                framework.waitForStop(0);
                return 0;
            }
            return runMain(framework.getBundleContext(), bundles);
        } finally {
            stop(framework, cache);
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        }
    }

    private static void stop(Framework framework, Path cache) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            LOG.warning("Stopping the framework: " + e.getMessage());
        }
        try {
            Trees.delete(cache);
        } catch (IOException e) {
            LOG.fine("Cannot delete " + cache + ": " + e.getMessage());
        }
    }

    static Map<String, String> frameworkConfig(Path home, Path cache, List<String> args) throws IOException {
        Properties p = new Properties();
        Path file = home.resolve("conf").resolve("config.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        Map<String, String> config = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            config.put(name, p.getProperty(name).replace("${signalbox.home}", home.toString()));
        }
        config.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(ARGUMENTS + ".count", Integer.toString(args.size()));
        for (int i = 0; i < args.size(); i++) {
            config.put(ARGUMENTS + "." + i, args.get(i));
        }
        config.put("signalbox.home", home.toString());
        return config;
    }

    static List<Bundle> install(BundleContext context, Path directory) throws IOException, BundleException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, "*.jar")) {
            s.forEach(jars::add);
        }
        jars.sort(Comparator.naturalOrder());
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            // reference: keeps the jar where it is instead of copying it into the cache
            bundles.add(context.installBundle("reference:" + jar.toUri()));
        }
        return bundles;
    }

    private static void start(Bundle b) {
        try {
            b.start();
        } catch (BundleException e) {
            LOG.log(Level.WARNING, "Bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    private static boolean isExtenderOrProvider(Bundle b) {
        String provided = b.getHeaders().get(Constants.PROVIDE_CAPABILITY);
        return provided != null && (provided.contains("osgi.extender") || provided.contains("osgi.serviceloader"));
    }

    static boolean isFragment(Bundle b) {
        return b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    private static int runMain(BundleContext context, List<Bundle> bundles) throws Exception {
        ServiceTracker<Callable<?>, Callable<?>> tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=java.util.concurrent.Callable)(main.thread=true))"),
                null);
        tracker.open();
        try {
            Callable<?> main = tracker.waitForService(START_TIMEOUT_MILLIS);
            if (main == null) {
                for (Bundle b : bundles) {
                    if (b.getState() != Bundle.ACTIVE && !isFragment(b)) {
                        LOG.warning("Bundle " + b.getSymbolicName() + " is not active (state " + b.getState() + ")");
                    }
                }
                throw new IllegalStateException("no command line service started; is org.signalbox.core.cli installed?");
            }
            Object result = main.call();
            return result instanceof Integer i ? i : 0;
        } finally {
            tracker.close();
        }
    }
}
