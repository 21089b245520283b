package org.signalbox.transport.websocket.internal;

import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;
import org.signalbox.api.transport.HostPort;
import org.signalbox.api.transport.TransportKind;

/** {@code daemon --http}: HTTP POST, SSE, WebSocket and Socket.IO on one port. */
@Component(service = TransportKind.class)
// stated in the manifest too, so that tools read what a distribution serves without starting it
@Capability(namespace = "org.signalbox.transport.kind", name = "http")
public final class HttpKind implements TransportKind {

    /** The bearer token of instances made here; required when one binds beyond loopback. */
    static final String TOKEN_ENV = "SIGNALBOX_HTTP_TOKEN";

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String factoryPid() {
        return HttpTransport.FACTORY_PID;
    }

    @Override
    public String description() {
        return "JSON-RPC over HTTP POST, Server-Sent Events and WebSocket, and a Socket.IO dialect";
    }

    @Override
    public String defaultAddress() {
        return "localhost:8080";
    }

    @Override
    public Map<String, Object> configuration(String address) {
        Map<String, Object> p = HostPort.parse(address).properties();
        // from the environment, not a flag: a flag would show the token to every user of ps
        String token = System.getenv(TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            p.put("token", token.strip());
        }
        return p;
    }
}
