package org.signalbox.core.daemon.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.cli.CliCommand;
import org.signalbox.api.transport.JsonRpcEngine;

/** Contributes {@code daemon} to the command line. */
@Component(service = CliCommand.class)
public final class DaemonCommandProvider implements CliCommand {

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final JsonRpcEngine engine;
    private final TransportKinds kinds;

    @Activate
    public DaemonCommandProvider(BundleContext context, @Reference ConfigurationAdmin configurations,
            @Reference JsonRpcEngine engine, @Reference TransportKinds kinds) {
        this.context = context;
        this.configurations = configurations;
        this.engine = engine;
        this.kinds = kinds;
    }

    @Override
    public String name() {
        return "daemon";
    }

    @Override
    public Object command() {
        return new DaemonCommand(context, configurations, engine, kinds);
    }
}
