package org.signalbox.core.daemon.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gogo shell commands for transports ({@code signalbox:transports}, {@code transportstart},
 * {@code transportstop}). They run the admin JSON-RPC methods as a local client, so the shell, {@code conf/} files
 * and remote administrators meet the same rules and see the same instances.
 */
@Component(service = ShellCommands.class, property = {"osgi.command.scope=signalbox",
    "osgi.command.function=transports", "osgi.command.function=transportstart",
    "osgi.command.function=transportstop"})
public final class ShellCommands {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonRpcEngine engine;

    @Activate
    public ShellCommands(@Reference JsonRpcEngine engine) {
        this.engine = engine;
    }

    /** One line per instance: name, state, connections, endpoint, and why it failed if it did. */
    public String transports() {
        StringBuilder out = new StringBuilder();
        for (JsonNode t : call("listTransports", MAPPER.createObjectNode())) {
            out.append(String.format("%-32s %-8s %3d  %s%s%n", t.path("name").asText(), t.path("state").asText(),
                    t.path("connections").asInt(), t.path("endpoint").asText(),
                    t.path("failure").isTextual() ? "  (" + t.path("failure").asText() + ")" : ""));
        }
        return out.toString().stripTrailing();
    }

    /**
     * {@code transportstart tcp 127.0.0.1:7584}, {@code transportstart unix /run/sb.sock},
     * {@code transportstart http 127.0.0.1:8081 token=secret}: further {@code key=value} words are settings.
     */
    public String transportstart(String kind, String address, String... settings) {
        ObjectNode p = MAPPER.createObjectNode().put("kind", kind).put("address", address);
        ObjectNode s = p.putObject("settings");
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("A setting is key=value, not '" + setting + "'");
            }
            s.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return "Started " + call("startTransport", p).path("name").asText();
    }

    public String transportstop(String name) {
        call("stopTransport", MAPPER.createObjectNode().put("name", name));
        return "Stopped " + name;
    }

    /** The method's result; its error (or no answer within a minute) as an exception, which the shell prints. */
    private JsonNode call(String method, ObjectNode params) {
        // local: the shell of this machine's own process
        LocalClient c = engine.client(LocalPeer.requestsOnly("shell", true),
                new ConnectionOptions(Optional.empty(), false, true));
        try {
            Answer answer = c.call(method, params, Duration.ofSeconds(60));
            if (answer.failed()) {
                throw new IllegalArgumentException(answer.failure().message());
            }
            return answer.result();
        } finally {
            c.close();
        }
    }
}
