package org.signalbox.core.cli.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * signal-cli's plain-text output of the one-shot commands that clients script, from the JSON result the method
 * answered: the same lines, words and order as signal-cli's own {@code PlainTextWriter} users print them. Commands
 * signal-cli prints nothing special for keep Signalbox's indented JSON.
 */
final class PlainText {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    private static final int INDENTATION = 2;

    private final List<String> lines;
    private final String indent;

    private PlainText(List<String> lines, String indent) {
        this.lines = lines;
        this.indent = indent;
    }

    PlainText() {
        this(new ArrayList<>(), "");
    }

    /** What to print for {@code method}'s result, or empty when signal-cli has no plain text for it. */
    static Optional<String> of(String method, JsonNode params, JsonNode result, Path configDirectory,
            Function<String, Optional<String>> groupNames) {
        PlainText out = new PlainText();
        switch (method) {
            case "send", "sendReaction", "sendReceipt", "sendTyping", "remoteDelete", "quitGroup",
                    "sendPaymentNotification", "sendPollCreate", "sendPollVote", "sendPollTerminate" ->
                out.sendResults(result);
            case "updateGroup" -> {
                if (result.hasNonNull("groupId")) {
                    out.println("Created new group: \"" + result.get("groupId").asText() + "\"");
                }
                out.sendResults(result);
            }
            case "listGroups" -> PlainTextListings.groups(out, result, params.path("detailed").asBoolean());
            case "listContacts" -> PlainTextListings.contacts(out, result, params.path("detailed").asBoolean(),
                    params.path("internal").asBoolean());
            case "listIdentities" -> PlainTextListings.identities(out, result);
            case "getUserStatus" -> PlainTextListings.userStatus(out, result);
            case "receive" -> result.forEach(r -> new PlainTextEnvelopes(out, configDirectory, groupNames).envelope(r));
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(out.text());
    }

    /** The sending methods: each recipient that failed, then the timestamp. */
    private void sendResults(JsonNode result) {
        if (!result.has("timestamp")) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode r : result.path("results")) {
            String who = legacyIdentifier(r.path("recipientAddress"));
            String error = switch (r.path("type").asText()) {
                case "NETWORK_FAILURE" -> "Network failure for \"" + who + "\"";
                case "RATE_LIMIT_FAILURE" -> "Rate limit failure for \"" + who + "\"";
                case "UNREGISTERED_FAILURE" -> "Unregistered user \"" + who + "\"";
                case "IDENTITY_FAILURE" -> "Untrusted Identity for \"" + who + "\"";
                default -> null;
            };
            if (error != null) {
                // a message to one recipient names it first; a group message's results do not (signal-cli)
                errors.add(r.has("groupId") ? error : who + ": " + error);
            }
        }
        if (!errors.isEmpty()) {
            println("Failed to send (some) messages:");
            errors.forEach(this::println);
        }
        println(result.get("timestamp").asText());
    }

    /** The same output, indented one step further. */
    PlainText indented() {
        return new PlainText(lines, indent + " ".repeat(INDENTATION));
    }

    void println(String line) {
        lines.add(indent + line);
    }

    String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** signal-cli's {@code DateUtils.formatTimestamp}: the number, then the UTC time it names. */
    static String timestamp(long millis) {
        return millis + " (" + TIMESTAMP.format(Instant.ofEpochMilli(millis)) + ")";
    }

    /** signal-cli's {@code getLegacyIdentifier}: the number if known, else the UUID. */
    static String legacyIdentifier(JsonNode address) {
        return address.hasNonNull("number") ? address.get("number").asText() : text(address.path("uuid"));
    }

    /** A JSON value as signal-cli's formatter prints the Java value: {@code null} for none. */
    static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "null" : value.asText();
    }

    /** A text that signal-cli prints as empty when absent. */
    static String orEmpty(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
