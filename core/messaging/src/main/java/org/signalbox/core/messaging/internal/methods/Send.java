package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.Attachments;
import org.signalbox.core.messaging.internal.messenger.GroupSync;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messenger;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code send}: a text message (with quote, mentions and text styles) to people, groups or this account itself;
 * with {@code editTimestamp}, an edit of an earlier message. Attachments and stickers are not carried yet.
 */
@Component(service = RpcMethod.class)
public final class Send extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public Send(@Reference Messengers messengers) {
        super("send", MethodScope.ACCOUNT, "Sends a message", """
                {"type":"object","properties":{""" + Sending.TARGETS + """
                  ,"message":{"type":"string"},
                  "attachment":{"type":"array","items":{"type":"string"}},
                  "viewOnce":{"type":"boolean","default":false},
                  "mention":{"type":"array","items":{"type":"string"}},
                  "textStyle":{"type":"array","items":{"type":"string"}},
                  "quoteTimestamp":{"type":"integer"},
                  "quoteAuthor":{"type":"string"},
                  "quoteMessage":{"type":"string"},
                  "sticker":{"type":"string"},
                  "editTimestamp":{"type":"integer"},
                  "endSession":{"type":"boolean","default":false},
                  "expiresInSeconds":{"type":"integer","minimum":0}}}""");
        this.messengers = messengers;
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        ObjectNode p = call.params();
        Account self = call.requireAccount();
        Sending.Targets targets = Sending.targets(call, self);
        if (p.hasNonNull("sticker")) {
            throw MessagingException.invalid("Stickers are not supported by Signalbox yet");
        }
        long timestamp = MessageClock.next();
        List<Wire.Attachment> files = Attachments.read(Params.texts(p, "attachment"), timestamp);
        String text = Params.text(p, "message");
        boolean endSession = Params.flag(p, "endSession");
        if ((text == null || text.isEmpty()) && files.isEmpty() && !p.hasNonNull("quoteTimestamp") && !endSession) {
            throw MessagingException.invalid("Sending empty message is not allowed, either a message, attachment or "
                    + "sticker must be given.");
        }
        Messenger messenger = messengers.require(self);
        Wire.DataMessage base = data(p, timestamp, text, messenger).toBuilder().addAllAttachments(files)
                .setEndSession(endSession).build();
        Long edit = p.hasNonNull("editTimestamp") ? p.get("editTimestamp").asLong() : null;
        return Sending.send(messengers, self, targets, timestamp, group -> {
            Wire.DataMessage d = withGroup(base, group);
            Wire.Content.Builder c = Sending.content(timestamp);
            if (edit != null) {
                c.setEditMessage(Wire.EditMessage.newBuilder().setTargetSentTimestamp(edit).setDataMessage(d));
            } else {
                c.setDataMessage(d);
            }
            return c.build();
        });
    }

    static Wire.DataMessage withGroup(Wire.DataMessage d, Optional<GroupRecord> group) {
        return group.map(g -> d.toBuilder().setGroup(GroupSync.context(g, Wire.GroupContext.Type.DELIVER)).build()).orElse(d);
    }

    private static Wire.DataMessage data(ObjectNode p, long timestamp, String text, Messenger messenger)
            throws MessagingException {
        Wire.DataMessage.Builder d = Wire.DataMessage.newBuilder().setTimestamp(timestamp)
                .setViewOnce(Params.flag(p, "viewOnce"));
        if (text != null) {
            d.setBody(text);
        }
        Integer expires = Params.integer(p, "expiresInSeconds");
        if (expires != null) {
            d.setExpiresInSeconds(expires);
        }
        try {
            for (String m : Params.texts(p, "mention")) {
                String[] parts = m.split(":", 3);
                if (parts.length != 3) {
                    throw MessagingException.invalid("Invalid mention syntax (" + m + ") expected 'start:length:recipientNumber'");
                }
                d.addMentions(Wire.Mention.newBuilder().setStart(number(parts[0], m)).setLength(number(parts[1], m))
                        .setPerson(messenger.person(Recipient.parse(parts[2]))));
            }
            for (String s : Params.texts(p, "textStyle")) {
                String[] parts = s.split(":", 3);
                if (parts.length != 3) {
                    throw MessagingException.invalid("Invalid textStyle syntax (" + s + ") expected 'start:length:STYLE'");
                }
                d.addTextStyles(Wire.TextStyle.newBuilder().setStart(number(parts[0], s))
                        .setLength(number(parts[1], s)).setStyle(parts[2].toUpperCase(java.util.Locale.ROOT)));
            }
            if (p.hasNonNull("quoteTimestamp")) {
                String author = Params.text(p, "quoteAuthor");
                if (author == null) {
                    throw MessagingException.invalid("Quote author is required with quoteTimestamp");
                }
                Wire.Quote.Builder q = Wire.Quote.newBuilder().setId(p.get("quoteTimestamp").asLong())
                        .setAuthor(messenger.person(Recipient.parse(author)));
                String quoted = Params.text(p, "quoteMessage");
                if (quoted != null) {
                    q.setText(quoted);
                }
                d.setQuote(q);
            }
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        return d.build();
    }

    private static int number(String text, String whole) throws MessagingException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw MessagingException.invalid("Invalid number '" + text + "' in '" + whole + "'");
        }
    }
}
