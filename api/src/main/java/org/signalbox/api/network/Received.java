package org.signalbox.api.network;

import org.signalbox.api.account.Account;

/**
 * Content that arrived for a local account, decrypted and already stored (its {@code receive} envelope exists).
 *
 * @param timestamp when the sender sent it (epoch millis)
 * @param serverReceivedTimestamp when the server stored it
 * @param serverDeliveredTimestamp when this daemon received it from the server
 */
public record Received<C extends Content>(Account account, Sender sender, C content, long timestamp,
        long serverReceivedTimestamp, long serverDeliveredTimestamp) {
}
