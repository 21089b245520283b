package org.signalbox.server.service.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.cli.CliCommand;

/** Adds {@code server} to the daemon's command line. */
@Component
public final class ServerCli implements CliCommand {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    @Activate
    public ServerCli(BundleContext context, @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    @Override
    public String name() {
        return "server";
    }

    @Override
    public Object command() {
        return new ServerCommand(context, configurations);
    }
}
