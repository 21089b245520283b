package org.signalbox.core.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.signalbox.api.cli.CliCommand;
import org.signalbox.api.cli.CliContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code signalbox bundles}: what this distribution holds and the state each bundle reached at start-up. */
@Component(service = CliCommand.class)
public final class BundlesCommand implements CliCommand {

    private final BundleContext context;

    @Activate
    public BundlesCommand(BundleContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "bundles";
    }

    @Override
    public Object command() {
        return new Listing(context);
    }

    @Command(name = "bundles", mixinStandardHelpOptions = true,
            description = "List the bundles of this distribution with their version and state (-o json: as JSON).")
    static final class Listing implements Callable<Integer> {

        @ParentCommand
        CliContext cli;

        private final BundleContext context;

        Listing(BundleContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Bundle b : context.getBundles()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", b.getBundleId());
                row.put("symbolicName", b.getSymbolicName());
                row.put("version", b.getVersion().toString());
                row.put("state", state(b));
                row.put("location", b.getLocation());
                rows.add(row);
            }
            if (cli.jsonOutput()) {
                System.out.println(new ObjectMapper().writeValueAsString(rows));
            } else {
                for (Map<String, Object> r : rows) {
                    System.out.printf("%3d  %-9s %-56s %s%n", r.get("id"), r.get("state"), r.get("symbolicName"),
                            r.get("version"));
                }
            }
            return 0;
        }

        private static String state(Bundle b) {
            return switch (b.getState()) {
                case Bundle.ACTIVE -> "ACTIVE";
                case Bundle.RESOLVED -> b.getHeaders().get("Fragment-Host") != null ? "FRAGMENT" : "RESOLVED";
                case Bundle.STARTING -> "STARTING";
                case Bundle.STOPPING -> "STOPPING";
                case Bundle.INSTALLED -> "INSTALLED";
                default -> "UNINSTALLED";
            };
        }
    }
}
