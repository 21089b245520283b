package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.GroupRecord;
import org.signalbox.core.messaging.internal.data.GroupRecord.Member;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.GroupSync;
import org.signalbox.core.messaging.internal.messenger.MessageClock;
import org.signalbox.core.messaging.internal.messenger.Messenger;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.messenger.SendResult;
import org.signalbox.core.messaging.internal.data.MessagingException;

/** What the send-type methods share: their targets, and sending one content to them with signal-cli's result. */
final class Sending {

    private Sending() {
    }

    /** People and groups to send to. */
    record Targets(List<Recipient> people, List<GroupRecord> groups, boolean noteToSelf) {
    }

    /** The params of signal-cli's target set, as a send-type method's params record has them. */
    interface Addressed {
        List<String> recipient();

        List<String> groupId();

        default List<String> username() {
            return List.of();
        }

        default boolean noteToSelf() {
            return false;
        }
    }

    static Targets targets(Addressed to, Account self) throws RpcException, MessagingException {
        List<Recipient> people = new ArrayList<>(Addressing.recipients(to.recipient()));
        for (String name : to.username()) {
            people.add(Recipient.parse("u:" + name));
        }
        for (Recipient r : people) {
            if (r.username() != null) {
                throw MessagingException.invalid("Usernames are not supported by Signalbox's directory: " + r);
            }
        }
        List<GroupRecord> groups = new ArrayList<>();
        AccountData data = AccountData.of(self);
        for (String text : to.groupId()) {
            String id = Addressing.groupId(text);
            GroupRecord g = data.group(id).orElseThrow(() -> MessagingException.invalid("Group not found: " + text));
            if (!g.member()) {
                throw MessagingException.invalid("You are not a member of group " + text);
            }
            groups.add(g);
        }
        boolean noteToSelf = to.noteToSelf();
        if (people.isEmpty() && groups.isEmpty() && !noteToSelf) {
            throw MessagingException.invalid("No recipients given");
        }
        return new Targets(people, groups, noteToSelf);
    }

    /** Builds the content for a recipient set: with the group's context for a group, without for people. */
    @FunctionalInterface
    interface Build {
        Wire.Content content(Optional<GroupRecord> group) throws RpcException, MessagingException;
    }

    static Map<String, Object> send(Messengers messengers, Account self, Targets t, long timestamp, Build build)
            throws RpcException, MessagingException {
        Messenger messenger = messengers.require(self);
        List<SendResult> results = new ArrayList<>();
        try {
            if (!t.people().isEmpty()) {
                results.addAll(messenger.send(t.people(), build.content(Optional.empty())));
            }
            for (GroupRecord g : t.groups()) {
                for (SendResult r : messenger.send(GroupSync.others(self, g.members()), build.content(Optional.of(g)))) {
                    results.add(r.inGroup(g.id()));
                }
            }
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        if (t.noteToSelf()) {
            // one device per account: a note to self stays on this device
            results.add(new SendResult(self.uuid().toString(), self.number(), null, SendResult.Type.SUCCESS));
        }
        return response(timestamp, results);
    }

    /** What a data message carries besides its timestamp (a reaction, a remote delete, a poll). */
    @FunctionalInterface
    interface Part {
        void addTo(Wire.DataMessage.Builder message) throws MessagingException;
    }

    /**
     * Sends one data message to {@code to}'s targets, with the group's context for each group; the targets are
     * checked before {@code part} runs, so a bad target is said before anything is looked up.
     */
    static Map<String, Object> sendData(Messengers messengers, Account self, Addressed to, Part part)
            throws RpcException, MessagingException {
        Targets targets = targets(to, self);
        long timestamp = MessageClock.next();
        Wire.DataMessage.Builder d = Wire.DataMessage.newBuilder().setTimestamp(timestamp);
        part.addTo(d);
        Wire.DataMessage data = d.build();
        return send(messengers, self, targets, timestamp,
                group -> content(timestamp).setDataMessage(Send.withGroup(data, group)).build());
    }

    /** The person a target author names (of a reaction, of a poll), as the account knows them or looks them up. */
    static Wire.Person person(Messengers messengers, Account self, String who) throws MessagingException {
        try {
            return messengers.require(self).person(Recipient.parse(who));
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
    }

    /**
     * Tells {@code members} (this account left out) of a change to group {@code g}: signal-cli's
     * {@code {timestamp, results}}, never an error for what single members could not get; null when there was nobody
     * to tell.
     */
    static Map<String, Object> groupChange(Messengers messengers, Account self, GroupRecord g,
            Collection<Member> members, Wire.GroupContext.Type type) throws RpcException, MessagingException {
        List<Recipient> to = GroupSync.others(self, members);
        if (to.isEmpty()) {
            return null;
        }
        long timestamp = MessageClock.next();
        Wire.Content content = GroupSync.change(g, type, timestamp);
        try {
            List<SendResult> results = messengers.require(self).send(to, content).stream()
                    .map(r -> r.inGroup(g.id())).toList();
            return SendResult.result(timestamp, results);
        } catch (IOException | StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
    }

    static Wire.Content.Builder content(long timestamp) {
        return Wire.Content.newBuilder().setTimestamp(timestamp);
    }

    /**
     * The method result {@code {timestamp, results}}; when no recipient succeeded, the error signal-cli gives,
     * carrying that result as {@code data.response}.
     */
    private static Map<String, Object> response(long timestamp, List<SendResult> results) throws RpcException, MessagingException {
        Map<String, Object> r = SendResult.result(timestamp, results);
        if (results.isEmpty() || results.stream().anyMatch(s -> s.type() == SendResult.Type.SUCCESS)) {
            return r;
        }
        if (results.stream().allMatch(s -> s.type() == SendResult.Type.IDENTITY_FAILURE)) {
            throw RpcException.withResponse(RpcError.UNTRUSTED_IDENTITY,
                    "Failed to send message due to untrusted identities", r);
        }
        if (results.stream().allMatch(s -> s.type() == SendResult.Type.RATE_LIMIT_FAILURE)) {
            throw RpcException.withResponse(RpcError.RATE_LIMITED, "Failed to send message due to rate limiting", r);
        }
        throw RpcException.withResponse(RpcError.USER, "Failed to send message", r);
    }
}
