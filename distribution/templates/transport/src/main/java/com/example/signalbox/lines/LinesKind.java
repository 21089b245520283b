package com.example.signalbox.lines;

import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;
import org.signalbox.api.transport.HostPort;
import org.signalbox.api.transport.TransportKind;

/**
 * What this bundle tells the daemon about itself: the kind {@code tcp}, so that {@code daemon --tcp},
 * {@code --transport tcp=…} and {@code startTransport {kind: "tcp"}} make instances of it in a distribution
 * assembled without the built-in socket transport. The capability says the same in the manifest, for tools that
 * read a distribution without starting it (the conformance suite's {@code tcp} channel).
 */
@Component(service = TransportKind.class)
@Capability(namespace = "org.signalbox.transport.kind", name = "tcp")
public final class LinesKind implements TransportKind {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String factoryPid() {
        return LinesTransport.FACTORY_PID;
    }

    @Override
    public String description() {
        return "JSON-RPC lines on TCP (the lines example transport)";
    }

    @Override
    public String defaultAddress() {
        return "localhost:7583";
    }

    @Override
    public Map<String, Object> configuration(String address) {
        return HostPort.parse(address).properties();
    }
}
