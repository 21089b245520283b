package org.signalbox.api.transport;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One notification to an in-process client, as trees.
 *
 * @param event the event, which is the JSON-RPC method, e.g. {@code receive}
 * @param account the account it is for, when it is for one
 * @param payload what was published, e.g. {@code {envelope, account}}
 * @param params what a JSON-RPC client gets as the notification's params: the payload itself for an automatic
 *        subscription, {@code {subscription, result[, delivery]}} for an explicit one
 */
public record Notification(String event, Optional<String> account, JsonNode payload, JsonNode params) {
}
