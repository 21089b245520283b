package org.signalbox.transport.stdio.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.cli.CliCommand;
import org.signalbox.api.transport.JsonRpcEngine;

/** Contributes {@code jsonRpc} to the command line. */
@Component(service = CliCommand.class)
public final class JsonRpcCommandProvider implements CliCommand {

    private final JsonRpcEngine engine;
    private final BundleContext context;

    @Activate
    public JsonRpcCommandProvider(BundleContext context, @Reference JsonRpcEngine engine) {
        this.context = context;
        this.engine = engine;
    }

    @Override
    public String name() {
        return "jsonRpc";
    }

    @Override
    public Object command() {
        return new JsonRpcCommand(engine, context);
    }
}
