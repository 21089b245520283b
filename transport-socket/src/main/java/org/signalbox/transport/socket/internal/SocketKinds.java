package org.signalbox.transport.socket.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;
import org.signalbox.api.transport.HostPort;
import org.signalbox.api.transport.TransportKind;

/**
 * The kinds this bundle serves, as the daemon and {@code startTransport} offer them. Each is also stated in the
 * manifest as a capability, so that tools read what a distribution serves without starting it.
 */
public final class SocketKinds {

    /** How a bundle says in its manifest which transport kinds it serves (docs/third-party-bundles.md). */
    static final String KIND_CAPABILITY = "org.signalbox.transport.kind";

    private SocketKinds() {
    }

    /** {@code daemon --tcp}: JSON-RPC lines on a TCP socket. */
    @Component(service = TransportKind.class)
    @Capability(namespace = KIND_CAPABILITY, name = "tcp")
    public static final class Tcp implements TransportKind {
        @Override
        public String name() {
            return "tcp";
        }

        @Override
        public String factoryPid() {
            return SocketTransport.FACTORY_PID;
        }

        @Override
        public String description() {
            return "JSON-RPC lines on TCP; beyond loopback only with allowRemote";
        }

        @Override
        public String defaultAddress() {
            return "localhost:7583";
        }

        @Override
        public Map<String, Object> configuration(String address) {
            Map<String, Object> p = HostPort.parse(address).properties();
            p.put("kind", "tcp");
            return p;
        }
    }

    /** {@code daemon --socket}: JSON-RPC lines on a UNIX domain socket. */
    @Component(service = TransportKind.class)
    @Capability(namespace = KIND_CAPABILITY, name = "unix")
    public static final class Unix implements TransportKind {
        @Override
        public String name() {
            return "unix";
        }

        @Override
        public String factoryPid() {
            return SocketTransport.FACTORY_PID;
        }

        @Override
        public String description() {
            return "JSON-RPC lines on a UNIX domain socket (a path)";
        }

        /** {@code $XDG_RUNTIME_DIR/signalbox/socket}, else a private folder of this user in the temporary directory. */
        @Override
        public String defaultAddress() {
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            Path base = runtime != null && !runtime.isBlank() ? Path.of(runtime).resolve("signalbox")
                    : Path.of(System.getProperty("java.io.tmpdir"), "signalbox-" + System.getProperty("user.name"));
            return base.resolve("socket").toString();
        }

        @Override
        public Map<String, Object> configuration(String address) {
            Map<String, Object> p = new HashMap<>();
            p.put("kind", "unix");
            p.put("path", Path.of(address).toAbsolutePath().toString());
            return p;
        }
    }

    /** {@code daemon --legacy-socket}: the old signal-cli fork's socket dialect. */
    @Component(service = TransportKind.class)
    @Capability(namespace = KIND_CAPABILITY, name = "legacy")
    public static final class Legacy implements TransportKind {
        @Override
        public String name() {
            return "legacy";
        }

        @Override
        public String factoryPid() {
            return LegacySocketTransport.FACTORY_PID;
        }

        @Override
        public String description() {
            return "the old signal-cli fork's socket dialect on TCP; beyond loopback only with allowRemote";
        }

        @Override
        public String defaultAddress() {
            return "127.0.0.1:24250";
        }

        @Override
        public Map<String, Object> configuration(String address) {
            return HostPort.parse(address).properties();
        }
    }
}
