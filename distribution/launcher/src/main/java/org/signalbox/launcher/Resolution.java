package org.signalbox.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.Felix;
import org.apache.felix.resolver.Logger;
import org.apache.felix.resolver.ResolverImpl;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.ResolveContext;

/**
 * Whether a distribution's bundles resolve in the framework that runs them, with its {@code conf/} settings: the
 * bundles are installed into a Felix that is initialised but never started, so nothing runs. Used by the build for
 * every profile, so a profile that lacks what one of its bundles needs fails the build and says what.
 */
public final class Resolution {

    private Resolution() {
    }

    /**
     * {@code Resolution HOME}: prints what does not resolve in the distribution at {@code HOME}, one bundle a line,
     * and exits 1 if anything does not; run with the distribution's own {@code lib/} as class path.
     */
    public static void main(String[] args) throws Exception {
        List<String> problems = problems(Path.of(args[0]));
        problems.forEach(System.out::println);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /**
     * One line per bundle that does not resolve, naming the requirement nothing in the distribution satisfies;
     * empty when every bundle resolves.
     */
    public static List<String> problems(Path home) throws IOException, BundleException, InterruptedException {
        Path cache = Files.createTempDirectory("signalbox-resolve-");
        Framework framework = new Felix(new HashMap<>(Main.frameworkConfig(home, cache, List.of())));
        try {
            framework.init();
            List<Bundle> bundles = Main.install(framework.getBundleContext(), home.resolve("bundle"));
            if (framework.adapt(FrameworkWiring.class).resolveBundles(bundles)) {
                return List.of();
            }
            List<BundleRevision> all = new ArrayList<>();
            all.add(framework.adapt(BundleRevision.class));
            bundles.forEach(b -> all.add(b.adapt(BundleRevision.class)));
            List<String> problems = new ArrayList<>();
            for (Bundle b : bundles) {
                if (b.getState() == Bundle.INSTALLED && !Main.isFragment(b)) {
                    problems.add(why(b.adapt(BundleRevision.class), all));
                }
            }
            return problems;
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
            Trees.delete(cache);
        }
    }

    /** The resolver's own account of why {@code revision} does not resolve among {@code all}. */
    private static String why(BundleRevision revision, List<BundleRevision> all) {
        try {
            new ResolverImpl(new Logger(Logger.LOG_ERROR), 1).resolve(new Context(revision, all));
            return revision.getSymbolicName() + " resolves alone but not with the others (a uses conflict)";
        } catch (ResolutionException e) {
            return e.getMessage();
        }
    }

    /** Resolves one bundle against everything installed, the system bundle included, as if nothing were wired. */
    private static final class Context extends ResolveContext {
        private final BundleRevision mandatory;
        private final List<BundleRevision> all;

        Context(BundleRevision mandatory, List<BundleRevision> all) {
            this.mandatory = mandatory;
            this.all = all;
        }

        @Override
        public Collection<Resource> getMandatoryResources() {
            return List.of(mandatory);
        }

        @Override
        public List<Capability> findProviders(Requirement requirement) {
            String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            List<Capability> found = new ArrayList<>();
            for (BundleRevision r : all) {
                for (Capability c : r.getCapabilities(requirement.getNamespace())) {
                    if (filter == null || matches(filter, c)) {
                        found.add(c);
                    }
                }
            }
            return found;
        }

        private static boolean matches(String filter, Capability c) {
            try {
                return FrameworkUtil.createFilter(filter).matches(c.getAttributes());
            } catch (InvalidSyntaxException e) {
                return false;
            }
        }

        @Override
        public int insertHostedCapability(List<Capability> capabilities, HostedCapability hosted) {
            capabilities.add(hosted);
            return capabilities.size() - 1;
        }

        @Override
        public boolean isEffective(Requirement requirement) {
            String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
        }

        @Override
        public Map<Resource, Wiring> getWirings() {
            return Map.of();
        }
    }
}
