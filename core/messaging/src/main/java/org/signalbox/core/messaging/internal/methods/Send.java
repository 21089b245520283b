package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
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


/**
 * {@code send}: a text message (with quote, mentions and text styles) to people, groups or this account itself;
 * with {@code editTimestamp}, an edit of an earlier message. Attachments and stickers are not carried yet.
 */
@Component(service = RpcMethod.class)
public final class Send extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public Send(@Reference Messengers messengers) {
        super("send");
        this.messengers = messengers;
    }

    /** Each text and timestamp is null when not given; {@code notifySelf} is accepted as signal-cli does. */
    record Params(List<String> recipient, List<String> groupId, List<String> username, boolean noteToSelf,
            boolean notifySelf, String message, List<String> attachment, boolean viewOnce, List<String> mention,
            List<String> textStyle, Long quoteTimestamp, String quoteAuthor, String quoteMessage, String sticker,
            Long editTimestamp, boolean endSession, Integer expiresInSeconds) implements Sending.Addressed {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        Account self = call.requireAccount();
        Sending.Targets targets = Sending.targets(p, self);
        if (p.sticker() != null) {
            throw MessagingException.invalid("Stickers are not supported by Signalbox yet");
        }
        long timestamp = MessageClock.next();
        List<Wire.Attachment> files = Attachments.read(p.attachment(), timestamp);
        String text = p.message();
        boolean endSession = p.endSession();
        if ((text == null || text.isEmpty()) && files.isEmpty() && p.quoteTimestamp() == null && !endSession) {
            throw MessagingException.invalid("Sending empty message is not allowed, either a message, attachment or "
                    + "sticker must be given.");
        }
        Messenger messenger = messengers.require(self);
        Wire.DataMessage base = data(p, timestamp, text, messenger).toBuilder().addAllAttachments(files)
                .setEndSession(endSession).build();
        Long edit = p.editTimestamp();
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

    private static Wire.DataMessage data(Params p, long timestamp, String text, Messenger messenger)
            throws MessagingException {
        Wire.DataMessage.Builder d = Wire.DataMessage.newBuilder().setTimestamp(timestamp)
                .setViewOnce(p.viewOnce());
        if (text != null) {
            d.setBody(text);
        }
        Integer expires = p.expiresInSeconds();
        if (expires != null) {
            d.setExpiresInSeconds(expires);
        }
        try {
            for (String m : p.mention()) {
                String[] parts = m.split(":", 3);
                if (parts.length != 3) {
                    throw MessagingException.invalid("Invalid mention syntax (" + m + ") expected 'start:length:recipientNumber'");
                }
                d.addMentions(Wire.Mention.newBuilder().setStart(number(parts[0], m)).setLength(number(parts[1], m))
                        .setPerson(messenger.person(Recipient.parse(parts[2]))));
            }
            for (String s : p.textStyle()) {
                String[] parts = s.split(":", 3);
                if (parts.length != 3) {
                    throw MessagingException.invalid("Invalid textStyle syntax (" + s + ") expected 'start:length:STYLE'");
                }
                d.addTextStyles(Wire.TextStyle.newBuilder().setStart(number(parts[0], s))
                        .setLength(number(parts[1], s)).setStyle(parts[2].toUpperCase(java.util.Locale.ROOT)));
            }
            if (p.quoteTimestamp() != null) {
                String author = p.quoteAuthor();
                if (author == null) {
                    throw MessagingException.invalid("Quote author is required with quoteTimestamp");
                }
                Wire.Quote.Builder q = Wire.Quote.newBuilder().setId(p.quoteTimestamp())
                        .setAuthor(messenger.person(Recipient.parse(author)));
                String quoted = p.quoteMessage();
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
