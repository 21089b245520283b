package org.signalbox.api.network;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.signalbox.api.account.Account;

/**
 * Sends typed content from a local account, end to end encrypted and under sealed sender like every message, and
 * tells the relays the account's server offers. Registered by the messaging bundle.
 */
@ProviderType
public interface Network {

    /**
     * Sends {@code content} to each recipient (an E.164 number or an account id) and answers each one's outcome,
     * in their order. A recipient that fails does not stop the others.
     *
     * @throws IOException when nothing could be sent at all: the account has no server connection or is not
     *         registered there
     */
    List<Delivery> send(Account from, List<String> recipients, Content content) throws IOException;

    /**
     * The account id behind a recipient (an E.164 number or an account id), as the directory knows it; empty when
     * nobody is registered under it.
     *
     * @throws IllegalArgumentException when {@code recipient} is neither a number nor an account id
     * @throws IOException when the directory cannot be asked
     */
    Optional<UUID> aci(Account from, String recipient) throws IOException;

    /**
     * Short-lived TURN credentials from the account's messaging server, when its operator configured a TURN
     * server; empty when it has none.
     *
     * @throws IOException when the server cannot be asked
     */
    List<IceServer> relays(Account account) throws IOException;
}
