package org.signalbox.api.transport;

import java.util.Optional;

/**
 * How a connection behaves.
 *
 * @param account the account of single-account mode ({@code -a}); empty for multi-account mode
 * @param automaticReceive whether the connection gets signal-cli's automatic {@code receive} subscription
 *        (every receive mode but {@code manual})
 */
public record ConnectionOptions(Optional<String> account, boolean automaticReceive) {
}
