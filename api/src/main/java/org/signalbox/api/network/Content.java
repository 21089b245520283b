package org.signalbox.api.network;

/**
 * A kind of content a feature bundle sends and receives. The API defines the kinds ({@link CallMessage} today);
 * the messaging bundle knows how each travels inside the end-to-end encrypted message.
 */
public sealed interface Content permits CallMessage {
}
