package org.signalbox.core.internal.cli;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.transport.Connection;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;

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
    public String transports() throws Exception {
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
    public String transportstart(String kind, String address, String... settings) throws Exception {
        ObjectNode p = MAPPER.createObjectNode().put("kind", kind).put(kind.equals("unix") ? "path" : kind, address);
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

    public String transportstop(String name) throws Exception {
        call("stopTransport", MAPPER.createObjectNode().put("name", name));
        return "Stopped " + name;
    }

    /** The method's result; its error as an exception, which the shell prints. */
    private JsonNode call(String method, ObjectNode params) throws Exception {
        CapturingPeer peer = new CapturingPeer();
        Connection c = engine.open(peer, new ConnectionOptions(Optional.empty(), false, true));
        try {
            ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", 1);
            request.set("params", params);
            c.receive(request.toString());
            JsonNode response = MAPPER.readTree(peer.response().get(60, TimeUnit.SECONDS));
            if (response.has("error")) {
                throw new IllegalArgumentException(response.get("error").path("message").asText());
            }
            return response.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " did not answer", e);
        } finally {
            c.closed();
        }
    }
}
