package org.signalbox.core.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code receive}'s plain text, as signal-cli's {@code ReceiveMessageHandler} prints an envelope, for the parts a
 * Signalbox envelope carries (no stories, sync messages, stickers, previews or shared contacts yet). Names
 * come from the envelope, so a reaction's or quote's author is shown by number or UUID alone.
 */
final class PlainTextEnvelopes {

    private final PlainText out;
    private final Path attachments;
    private final Function<String, Optional<String>> groupNames;

    /** @param groupNames a group's title in the account's store, by base64 id */
    PlainTextEnvelopes(PlainText out, Path configDirectory, Function<String, Optional<String>> groupNames) {
        this.out = out;
        this.attachments = configDirectory.resolve("attachments");
        this.groupNames = groupNames;
    }

    /** One {@code {envelope, account}}, then the empty line signal-cli ends each with. */
    void envelope(JsonNode received) {
        JsonNode e = received.path("envelope");
        String source = e.hasNonNull("source") ? contact(e.path("sourceName"), e.path("source")) : "unknown source";
        out.println("Envelope from: " + source + " (device: " + e.path("sourceDevice").asInt() + ") to "
                + PlainText.text(received.path("account")));
        out.println("Timestamp: " + PlainText.timestamp(e.path("timestamp").asLong()));
        out.println("Server timestamps: received: " + PlainText.timestamp(e.path("serverReceivedTimestamp").asLong())
                + " delivered: " + PlainText.timestamp(e.path("serverDeliveredTimestamp").asLong()));
        if (e.has("dataMessage")) {
            data(out, e.get("dataMessage"));
        }
        if (e.has("editMessage")) {
            JsonNode edit = e.get("editMessage");
            out.println("Edit: Target message timestamp: "
                    + PlainText.timestamp(edit.path("targetSentTimestamp").asLong()));
            data(out.indented(), edit.path("dataMessage"));
        }
        if (e.has("callMessage")) {
            out.println("Received a call message");
            call(out.indented(), e.get("callMessage"));
        }
        if (e.has("receiptMessage")) {
            out.println("Received a receipt message");
            receipt(out.indented(), e.get("receiptMessage"));
        }
        if (e.has("typingMessage")) {
            out.println("Received a typing message");
            typing(out.indented(), e.get("typingMessage"));
        }
        out.println("");
    }

    /** signal-cli's {@code formatContact}: “name” and number, or the number alone. */
    private static String contact(JsonNode name, JsonNode identifier) {
        String n = PlainText.orEmpty(name);
        return n.isEmpty() ? PlainText.text(identifier) : "\u201c" + n + "\u201d " + PlainText.text(identifier);
    }

    private void data(PlainText w, JsonNode d) {
        w.println("Message timestamp: " + PlainText.timestamp(d.path("timestamp").asLong()));
        if (d.path("viewOnce").asBoolean()) {
            w.println("=VIEW ONCE=");
        }
        if (d.hasNonNull("message")) {
            w.println("Body: " + d.get("message").asText());
        }
        if (d.has("groupInfo")) {
            JsonNode g = d.get("groupInfo");
            w.println("Group info:");
            PlainText i = w.indented();
            i.println("Id: " + PlainText.text(g.path("groupId")));
            i.println("Name: " + groupName(g.path("groupId").asText()));
            i.println("Revision: " + g.path("revision").asInt());
            i.println("Type: " + PlainText.text(g.path("type")));
        }
        if (d.path("isExpirationUpdate").asBoolean()) {
            w.println("Is Expiration update: true");
        }
        if (d.path("expiresInSeconds").asInt() > 0) {
            w.println("Expires in: " + d.get("expiresInSeconds").asInt() + " seconds");
        }
        if (d.has("reaction")) {
            JsonNode r = d.get("reaction");
            w.println("Reaction:");
            PlainText i = w.indented();
            i.println("Emoji: " + PlainText.text(r.path("emoji")));
            i.println("Target author: " + PlainText.text(r.path("targetAuthor")));
            i.println("Target timestamp: " + PlainText.timestamp(r.path("targetSentTimestamp").asLong()));
            i.println("Is remove: " + r.path("isRemove").asBoolean());
        }
        if (d.has("quote")) {
            JsonNode q = d.get("quote");
            w.println("Quote:");
            PlainText i = w.indented();
            i.println("Id: " + q.path("id").asLong());
            i.println("Author: " + PlainText.text(q.path("author")));
            if (q.hasNonNull("text")) {
                i.println("Text: " + q.get("text").asText());
            }
            attachments(i, q.path("attachments"));
        }
        if (d.has("remoteDelete")) {
            w.println("Remote delete message: timestamp = " + d.get("remoteDelete").path("timestamp").asLong());
        }
        if (d.has("mentions")) {
            w.println("Mentions:");
            for (JsonNode m : d.get("mentions")) {
                w.println("- " + PlainText.text(m.path("name")) + ": " + m.path("start").asInt() + " (length: "
                        + m.path("length").asInt() + ")");
            }
        }
        if (d.has("textStyles")) {
            w.println("Text styles:");
            for (JsonNode t : d.get("textStyles")) {
                w.println("- " + PlainText.text(t.path("style")) + ": " + t.path("start").asInt() + " (length: "
                        + t.path("length").asInt() + ")");
            }
        }
        attachments(w, d.path("attachments"));
        if (d.has("pollCreate")) {
            JsonNode p = d.get("pollCreate");
            w.println("Poll Create: \"" + PlainText.text(p.path("question")) + "\" ("
                    + (p.path("allowMultiple").asBoolean() ? "multi" : "single") + ")");
            p.path("options").forEach(o -> w.println("- " + o.asText()));
        }
        if (d.has("pollVote")) {
            JsonNode v = d.get("pollVote");
            java.util.List<String> indexes = new java.util.ArrayList<>();
            v.path("optionIndexes").forEach(i -> indexes.add(i.asText()));
            w.println("Poll Vote: \"" + PlainText.text(v.path("author")) + "\" ("
                    + PlainText.timestamp(v.path("targetSentTimestamp").asLong()) + ") selected "
                    + String.join(",", indexes) + " (vote #" + v.path("voteCount").asInt() + ")");
        }
        if (d.has("pollTerminate")) {
            w.println("Poll Terminate: " + PlainText.timestamp(d.get("pollTerminate").path("targetSentTimestamp")
                    .asLong()));
        }
    }

    private void attachments(PlainText w, JsonNode list) {
        if (list.isEmpty()) {
            return;
        }
        w.println("Attachments:");
        for (JsonNode a : list) {
            w.println("- Attachment:");
            PlainText i = w.indented();
            i.println("Content-Type: " + PlainText.text(a.path("contentType")));
            i.println("Type: " + (a.hasNonNull("id") ? "Pointer" : "Stream"));
            if (a.hasNonNull("id")) {
                i.println("Id: " + a.get("id").asText());
            }
            if (a.hasNonNull("uploadTimestamp")) {
                i.println("Upload timestamp: " + PlainText.timestamp(a.get("uploadTimestamp").asLong()));
            }
            if (a.hasNonNull("caption")) {
                i.println("Caption: " + a.get("caption").asText());
            }
            if (a.hasNonNull("filename")) {
                i.println("Filename: " + a.get("filename").asText());
            }
            if (a.hasNonNull("size")) {
                i.println("Size: " + a.get("size").asLong() + " bytes");
            }
            if (a.hasNonNull("width") || a.hasNonNull("height")) {
                i.println("Dimensions: " + a.path("width").asInt() + "x" + a.path("height").asInt());
            }
            if (a.hasNonNull("id") && Files.exists(attachments.resolve(a.get("id").asText()))) {
                i.println("Stored plaintext in: " + attachments.resolve(a.get("id").asText()));
            }
        }
    }

    private static void call(PlainText w, JsonNode c) {
        if (c.has("answerMessage")) {
            JsonNode a = c.get("answerMessage");
            // the parenthesis without its pair is signal-cli's
            w.println("Answer message: " + a.path("id").asText() + ", opaque length: " + opaqueLength(a) + ")");
        }
        if (c.has("busyMessage")) {
            w.println("Busy message: " + c.get("busyMessage").path("id").asText());
        }
        if (c.has("hangupMessage")) {
            JsonNode h = c.get("hangupMessage");
            w.println("Hangup message: " + h.path("id").asText());
            w.println("- type: " + PlainText.text(h.path("type")));
            w.println("- device id: " + h.path("deviceId").asInt());
        }
        if (c.has("iceUpdateMessages")) {
            w.println("Ice update messages:");
            for (JsonNode u : c.get("iceUpdateMessages")) {
                w.println("- " + u.path("id").asText() + ", opaque length: " + opaqueLength(u));
            }
        }
        if (c.has("offerMessage")) {
            JsonNode o = c.get("offerMessage");
            w.println("Offer message: " + o.path("id").asText() + ", opaque length: " + opaqueLength(o));
        }
    }

    private static int opaqueLength(JsonNode message) {
        return message.hasNonNull("opaque") ? Base64.getDecoder().decode(message.get("opaque").asText()).length : 0;
    }

    private static void receipt(PlainText w, JsonNode r) {
        w.println("When: " + PlainText.timestamp(r.path("when").asLong()));
        if (r.path("isDelivery").asBoolean()) {
            w.println("Is delivery receipt");
        }
        if (r.path("isRead").asBoolean()) {
            w.println("Is read receipt");
        }
        if (r.path("isViewed").asBoolean()) {
            w.println("Is viewed receipt");
        }
        w.println("Timestamps:");
        for (JsonNode t : r.path("timestamps")) {
            w.println("- " + PlainText.timestamp(t.asLong()));
        }
    }

    private String groupName(String id) {
        return groupNames.apply(id).orElse("<Unknown group>");
    }

    private void typing(PlainText w, JsonNode t) {
        w.println("Action: " + PlainText.text(t.path("action")));
        w.println("Timestamp: " + PlainText.timestamp(t.path("timestamp").asLong()));
        if (t.hasNonNull("groupId")) {
            w.println("Group Info:");
            PlainText i = w.indented();
            i.println("Id: " + t.get("groupId").asText());
            i.println("Name: " + groupName(t.get("groupId").asText()));
        }
    }
}
