package org.signalbox.api.transport;

import java.util.Optional;

/**
 * How a connection behaves.
 *
 * @param account the account of single-account mode ({@code -a}); empty for multi-account mode
 * @param automaticReceive whether the connection gets signal-cli's automatic {@code receive} subscription
 *        (every receive mode but {@code manual})
 * @param perRequest whether the connection carries one request body and ends (HTTP {@code POST}): as with
 *        signal-cli's {@code --http}, methods that need a lasting connection (subscriptions) are not offered and
 *        an empty body is an invalid request, not an empty line
 */
public record ConnectionOptions(Optional<String> account, boolean automaticReceive, boolean perRequest) {

    /** A lasting connection: a stream of lines or frames. */
    public ConnectionOptions(Optional<String> account, boolean automaticReceive) {
        this(account, automaticReceive, false);
    }
}
