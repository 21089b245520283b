package org.signalbox.core.cli.internal;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.JsonRpcEngine;
import org.signalbox.api.transport.LocalClient;
import org.signalbox.api.transport.LocalPeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * A JSON-RPC method run as a command: its options come from the method's params schema (kebab-case), the request
 * goes through the same engine as every transport, and the result is printed.
 */
final class OneShotCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MethodContract method;
    private final RootCommand root;
    private final Runtime runtime;
    private final JsonRpcEngine engine;
    private CommandSpec spec;

    private OneShotCommand(MethodContract method, RootCommand root, Runtime runtime, JsonRpcEngine engine) {
        this.method = method;
        this.root = root;
        this.runtime = runtime;
        this.engine = engine;
    }

    static CommandSpec spec(RpcMethod rpcMethod, RootCommand root, Runtime runtime, JsonRpcEngine engine) {
        MethodContract contract = rpcMethod.contract();
        OneShotCommand command = new OneShotCommand(contract, root, runtime, engine);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(contract.name());
        spec.usageMessage().description(contract.description().isEmpty() ? new String[] {contract.summary()}
                : new String[] {contract.summary(), "", contract.description()});
        spec.mixinStandardHelpOptions(true);
        ObjectNode schema = contract.params();
        Map<String, String> shortNames = ShortOptions.of(contract.name());
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode param = p.getValue();
            String type = param.path("type").asText("string");
            String description = param.path("description").asText("");
            if (contains(schema.path("required"), p.getKey())) {
                description += (description.isEmpty() ? "" : " ") + "(required)";
            } else if (param.has("default") && !(param.get("default").isContainerNode()
                    && param.get("default").isEmpty())) {
                description += (description.isEmpty() ? "" : " ") + "(default: " + param.get("default") + ")";
            }
            String name = kebab(p.getKey());
            OptionSpec.Builder option = (shortNames.containsKey(name)
                    ? OptionSpec.builder("-" + shortNames.get(name), "--" + name) : OptionSpec.builder("--" + name))
                    .description(description)
                    .paramLabel(p.getKey().toUpperCase(java.util.Locale.ROOT));
            switch (type) {
                case "array" -> option.type(String[].class).arity("1..*");
                case "boolean" -> option.type(Boolean.class).arity("0..1");
                case "integer" -> option.type(Long.class);
                case "number" -> option.type(Double.class);
                default -> option.type(String.class);
            }
            spec.addOption(option.build());
        }
        if (schema.path("properties").has("recipient")) {
            spec.addPositional(PositionalParamSpec.builder().paramLabel("RECIPIENT").arity("0..*")
                    .type(String[].class).description("Recipients, as --recipient").build());
        }
        if (!contract.errors().isEmpty()) {
            List<String> footer = new java.util.ArrayList<>(List.of("", "Errors:"));
            contract.errors().forEach(e -> footer.add("  " + e.code() + "  " + e.when()));
            spec.usageMessage().footer(footer.toArray(String[]::new));
        }
        return spec;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() throws Exception {
        runtime.start(root, !method.readOnly(), method.scope() != MethodScope.REGISTRATION, false);
        ObjectNode params = params(spec.commandLine().getParseResult());
        root.account().ifPresent(a -> params.put("account", a));
        // local: the command line of this machine
        LocalClient client = engine.client(LocalPeer.requestsOnly("cli", true),
                new ConnectionOptions(Optional.empty(), false));
        try {
            return print(params, client.call(method.name(), params).get(), client);
        } finally {
            client.close();
        }
    }

    private ObjectNode params(ParseResult parsed) {
        ObjectNode params = MAPPER.createObjectNode();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || !parsed.hasMatchedOption(o)) {
                continue;
            }
            // the engine reads kebab-case names as signal-cli does
            String name = o.longestName().substring(2);
            Object value = o.getValue();
            params.set(name, MAPPER.valueToTree(value == null && o.type() == Boolean.class ? Boolean.TRUE : value));
        }
        List<String> positional = parsed.matchedPositionals().stream()
                .flatMap(p -> java.util.Arrays.stream((String[]) p.getValue())).toList();
        if (!positional.isEmpty()) {
            var recipients = params.withArray("recipient");
            positional.forEach(recipients::add);
        }
        return params;
    }

    private int print(ObjectNode params, Answer answer, LocalClient client) throws Exception {
        PrintStream out = System.out;
        if (answer.failed() && !root.jsonOutput() && answer.failure().data().has("response")) {
            // as signal-cli: the recipients that failed and the timestamp, then the error
            PlainText.of(method.name(), params, answer.failure().data().get("response"), root.configDirectory(),
                    id -> Optional.empty()).ifPresent(out::print);
            out.flush();
        }
        if (answer.failed()) {
            int code = answer.failure().code();
            String message = answer.failure().message();
            if (code == RpcError.INVALID_PARAMS.code() && root.account().isPresent()
                    && message.equals("Specified account does not exist")) {
                throw new CliException(1, "User " + root.account().get() + " is not registered.");
            }
            throw new CliException(exitStatus(code), message);
        }
        JsonNode result = answer.result();
        if (root.jsonOutput() && method.name().equals("receive")) {
            // as signal-cli's JsonReceiveMessageHandler: one {envelope, account} object per line, read line by line
            result.forEach(envelope -> out.println(envelope.toString()));
        } else if (root.jsonOutput()) {
            out.println(result.toString());
        } else if (method.name().equals("version")) {
            out.println(RootCommand.versionLine(result.path("version").asText(), result.path("signalbox").asText()));
        } else {
            Optional<String> text = PlainText.of(method.name(), params, result, root.configDirectory(),
                    groupNames(client, params));
            if (text.isPresent()) {
                out.print(text.get());
            } else if (!(result.isObject() && result.isEmpty())) {
                out.println(result.toPrettyString());
            }
        }
        out.flush();
        return 0;
    }

    /** Group titles from the account's store, as signal-cli names a group in a received envelope. */
    private java.util.function.Function<String, Optional<String>> groupNames(LocalClient client, ObjectNode params) {
        Map<String, String> names = new java.util.HashMap<>();
        boolean[] read = {false};
        return id -> {
            if (!read[0]) {
                read[0] = true;
                ObjectNode p = MAPPER.createObjectNode();
                if (params.has("account")) {
                    p.set("account", params.get("account"));
                }
                try {
                    Answer groups = client.call("listGroups", p).get();
                    if (!groups.failed()) {
                        groups.result().forEach(g -> names.put(g.path("id").asText(), g.path("name").asText(null)));
                    }
                } catch (Exception e) {
                    // names are a courtesy: without them the envelope says <Unknown group>
                }
            }
            return Optional.ofNullable(names.get(id));
        };
    }

    private static int exitStatus(int code) {
        for (RpcError e : RpcError.values()) {
            if (e.code() == code) {
                return e.exitStatus();
            }
        }
        return 2;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
