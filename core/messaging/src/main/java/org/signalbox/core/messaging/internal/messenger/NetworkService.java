package org.signalbox.core.messaging.internal.messenger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Content;
import org.signalbox.api.network.Delivery.Outcome;
import org.signalbox.api.network.IceServer;
import org.signalbox.api.network.Network;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.MessagingException;
import org.signalbox.core.messaging.internal.data.Recipient;

/** {@link Network} for feature bundles: their content goes the way of every message (sealed sender, end to end). */
@Component(service = Network.class)
public final class NetworkService implements Network {

    private final Messengers messengers;

    @Activate
    public NetworkService(@Reference Messengers messengers) {
        this.messengers = messengers;
    }

    @Override
    public List<org.signalbox.api.network.Delivery> send(Account from, List<String> recipients, Content content)
            throws IOException {
        List<org.signalbox.api.network.Delivery> out = new ArrayList<>();
        List<Recipient> parsed = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (String text : recipients) {
            try {
                parsed.add(Recipient.parse(text));
                named.add(text);
            } catch (MessagingException e) {
                out.add(new org.signalbox.api.network.Delivery(text, null, Outcome.UNREGISTERED_FAILURE,
                        e.getMessage()));
            }
        }
        if (parsed.isEmpty()) {
            return out;
        }
        Wire.Content.Builder wire = Wire.Content.newBuilder().setTimestamp(MessageClock.next());
        switch (content) {
            case CallMessage c -> wire.setCallMessage(CallMessages.wire(c));
        }
        List<SendResult> results;
        try {
            results = messengers.of(from).send(parsed, wire.build());
        } catch (StorageException e) {
            throw new IOException("Cannot read " + from.number() + "'s keys: " + e.getMessage(), e);
        }
        for (int i = 0; i < parsed.size(); i++) {
            Recipient r = parsed.get(i);
            // the outbox answers failures first: match each result to its recipient by address
            SendResult result = results.stream().filter(x -> r.uuid() != null ? r.uuid().equals(x.uuid())
                    : r.number().equals(x.number())).findFirst()
                    .orElse(new SendResult(r.uuid(), r.number(), null, SendResult.Type.NETWORK_FAILURE));
            Outcome outcome = switch (result.type()) {
                case SUCCESS -> Outcome.SUCCESS;
                case UNREGISTERED_FAILURE -> Outcome.UNREGISTERED_FAILURE;
                case IDENTITY_FAILURE -> Outcome.IDENTITY_FAILURE;
                case RATE_LIMIT_FAILURE -> Outcome.RATE_LIMIT_FAILURE;
                case NETWORK_FAILURE, INVALID_PRE_KEY_FAILURE -> Outcome.NETWORK_FAILURE;
            };
            out.add(new org.signalbox.api.network.Delivery(named.get(i), result.uuid(), outcome,
                    outcome == Outcome.SUCCESS ? "" : result.type().name()));
        }
        return out;
    }

    @Override
    public Optional<UUID> aci(Account from, String recipient) throws IOException {
        Recipient r;
        try {
            r = Recipient.parse(recipient);
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (r.username() != null) {
            throw new IllegalArgumentException("Usernames are not supported by Signalbox's directory: " + recipient);
        }
        try {
            return messengers.of(from).lookup(r).map(e -> UUID.fromString(e.getUuid()));
        } catch (StorageException e) {
            throw new IOException("Cannot read " + from.number() + "'s keys: " + e.getMessage(), e);
        }
    }

    @Override
    public List<IceServer> relays(Account account) throws IOException {
        try {
            return messengers.of(account).relays();
        } catch (StorageException e) {
            throw new IOException("Cannot read " + account.number() + "'s keys: " + e.getMessage(), e);
        }
    }
}
