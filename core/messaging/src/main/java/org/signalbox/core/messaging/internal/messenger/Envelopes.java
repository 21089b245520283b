package org.signalbox.core.messaging.internal.messenger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.signalbox.api.model.DataMessage;
import org.signalbox.api.model.Envelope;
import org.signalbox.api.model.ReceiptMessage;
import org.signalbox.api.model.TypingMessage;
import org.signalbox.core.messaging.internal.content.Wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A decrypted content message as signal-cli's envelope (reference §6.3, §6.4). */
final class Envelopes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Envelopes() {
    }

    /** Who sent it and when, as the envelope's source fields say. */
    record Source(String number, String uuid, String name, int device, long serverReceived, long serverDelivered) {
    }

    /** Files of a message's attachments, written where clients read them; their envelope entries. */
    @FunctionalInterface
    interface Files {
        List<JsonNode> save(Wire.DataMessage d) throws java.io.IOException;
    }

    static Envelope of(Source s, Wire.Content c, Files files) throws java.io.IOException {
        DataMessage data = c.hasDataMessage() ? data(c.getDataMessage(), files.save(c.getDataMessage())) : null;
        JsonNode edit = c.hasEditMessage() ? edit(c.getEditMessage(), files) : null;
        JsonNode call = c.hasCallMessage() ? call(c.getCallMessage()) : null;
        ReceiptMessage receipt = c.hasReceiptMessage() ? receipt(c.getReceiptMessage(), c.getTimestamp()) : null;
        TypingMessage typing = c.hasTypingMessage() ? typing(c.getTypingMessage()) : null;
        return envelope(s, c.getTimestamp(), data, edit, call, receipt, typing);
    }

    /** An envelope without content, for a message that could not be decrypted. */
    static Envelope empty(Source s, long timestamp) {
        return envelope(s, timestamp, null, null, null, null, null);
    }

    private static Envelope envelope(Source s, long timestamp, DataMessage data, JsonNode edit, JsonNode call,
            ReceiptMessage receipt, TypingMessage typing) {
        String source = s.number() != null ? s.number() : s.uuid();
        return new Envelope(source, s.number(), s.uuid(), s.name(), s.device(), timestamp, s.serverReceived(),
                s.serverDelivered(), data, edit, null, call, receipt, typing);
    }

    static DataMessage data(Wire.DataMessage d, List<JsonNode> attachments) {
        List<JsonNode> mentions = new ArrayList<>();
        for (Wire.Mention m : d.getMentionsList()) {
            ObjectNode n = MAPPER.createObjectNode();
            String number = blankToNull(m.getPerson().getNumber());
            n.put("name", number != null ? number : m.getPerson().getUuid());
            n.put("number", number);
            n.put("uuid", m.getPerson().getUuid());
            n.put("start", m.getStart());
            n.put("length", m.getLength());
            mentions.add(n);
        }
        List<JsonNode> styles = new ArrayList<>();
        for (Wire.TextStyle t : d.getTextStylesList()) {
            styles.add(MAPPER.createObjectNode().put("style", t.getStyle()).put("start", t.getStart())
                    .put("length", t.getLength()));
        }
        return new DataMessage(d.getTimestamp(), d.getBody().isEmpty() ? null : d.getBody(), d.getExpiresInSeconds(),
                d.getExpirationUpdate(), d.getViewOnce(), d.hasReaction() ? reaction(d.getReaction()) : null,
                d.hasQuote() ? quote(d.getQuote()) : null, mentions, attachments,
                d.hasRemoteDelete() ? MAPPER.createObjectNode().put("timestamp",
                        d.getRemoteDelete().getTargetSentTimestamp()) : null,
                styles, d.hasGroup() ? groupInfo(d.getGroup()) : null,
                d.hasPollCreate() ? pollCreate(d.getPollCreate()) : null,
                d.hasPollVote() ? pollVote(d.getPollVote()) : null,
                d.hasPollTerminate() ? MAPPER.createObjectNode().put("targetSentTimestamp",
                        d.getPollTerminate().getTargetSentTimestamp()) : null);
    }

    private static JsonNode pollCreate(Wire.PollCreate p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("question", p.getQuestion());
        n.put("allowMultiple", p.getAllowMultiple());
        ArrayNode options = n.putArray("options");
        p.getOptionsList().forEach(options::add);
        return n;
    }

    private static JsonNode pollVote(Wire.PollVote v) {
        ObjectNode n = MAPPER.createObjectNode();
        person(n, "author", v.getTargetAuthor());
        n.put("targetSentTimestamp", v.getTargetSentTimestamp());
        ArrayNode indexes = n.putArray("optionIndexes");
        v.getOptionIndexesList().forEach(indexes::add);
        n.put("voteCount", v.getVoteCount());
        return n;
    }

    private static JsonNode reaction(Wire.Reaction r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("emoji", r.getEmoji());
        person(n, "targetAuthor", r.getTargetAuthor());
        n.put("targetSentTimestamp", r.getTargetSentTimestamp());
        n.put("isRemove", r.getRemove());
        return n;
    }

    private static JsonNode quote(Wire.Quote q) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", q.getId());
        person(n, "author", q.getAuthor());
        n.put("text", q.getText().isEmpty() ? null : q.getText());
        n.putArray("attachments");
        return n;
    }

    /** {@code author}, {@code authorNumber}, {@code authorUuid}: the deprecated plain key is the number if known. */
    private static void person(ObjectNode n, String key, Wire.Person p) {
        String number = blankToNull(p.getNumber());
        n.put(key, number != null ? number : p.getUuid());
        n.put(key + "Number", number);
        n.put(key + "Uuid", blankToNull(p.getUuid()));
    }

    static JsonNode groupInfo(Wire.GroupContext g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("groupId", Base64.getEncoder().encodeToString(g.getId().toByteArray()));
        n.put("groupName", blankToNull(g.getName()));
        n.put("revision", g.getRevision());
        n.put("type", g.getType() == Wire.GroupContext.Type.DELIVER ? "DELIVER" : "UPDATE");
        return n;
    }

    private static JsonNode edit(Wire.EditMessage e, Files files) throws java.io.IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("targetSentTimestamp", e.getTargetSentTimestamp());
        n.set("dataMessage", MAPPER.valueToTree(data(e.getDataMessage(), files.save(e.getDataMessage()))));
        return n;
    }

    private static ReceiptMessage receipt(Wire.ReceiptMessage r, long when) {
        return new ReceiptMessage(when, r.getType() == Wire.ReceiptMessage.Type.DELIVERY,
                r.getType() == Wire.ReceiptMessage.Type.READ, r.getType() == Wire.ReceiptMessage.Type.VIEWED,
                List.copyOf(r.getTimestampsList()));
    }

    private static TypingMessage typing(Wire.TypingMessage t) {
        return new TypingMessage(t.getAction() == Wire.TypingMessage.Action.STARTED ? TypingMessage.STARTED
                : TypingMessage.STOPPED, t.getTimestamp(),
                t.getGroupId().isEmpty() ? null : Base64.getEncoder().encodeToString(t.getGroupId().toByteArray()));
    }

    /** Call ids are unsigned 64-bit numbers, as signal-cli 0.14.2+ writes them. */
    private static JsonNode call(Wire.CallMessage c) {
        ObjectNode n = MAPPER.createObjectNode();
        if (c.hasOffer()) {
            ObjectNode o = n.putObject("offerMessage");
            o.put("id", unsigned(c.getOffer().getId()));
            o.put("type", c.getOffer().getType().name());
            o.put("opaque", Base64.getEncoder().encodeToString(c.getOffer().getOpaque().toByteArray()));
        }
        if (c.hasAnswer()) {
            ObjectNode o = n.putObject("answerMessage");
            o.put("id", unsigned(c.getAnswer().getId()));
            o.put("opaque", Base64.getEncoder().encodeToString(c.getAnswer().getOpaque().toByteArray()));
        }
        if (c.hasBusy()) {
            n.putObject("busyMessage").put("id", unsigned(c.getBusy().getId()));
        }
        if (c.hasHangup()) {
            ObjectNode o = n.putObject("hangupMessage");
            o.put("id", unsigned(c.getHangup().getId()));
            o.put("type", c.getHangup().getType().name());
            o.put("deviceId", c.getHangup().getDeviceId());
        }
        if (c.getIceUpdatesCount() > 0) {
            ArrayNode ice = n.putArray("iceUpdateMessages");
            for (Wire.CallMessage.IceUpdate u : c.getIceUpdatesList()) {
                ice.addObject().put("id", unsigned(u.getId()))
                        .put("opaque", Base64.getEncoder().encodeToString(u.getOpaque().toByteArray()));
            }
        }
        return n;
    }

    private static java.math.BigInteger unsigned(long id) {
        return new java.math.BigInteger(Long.toUnsignedString(id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
