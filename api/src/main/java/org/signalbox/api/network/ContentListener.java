package org.signalbox.api.network;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears of incoming content of one kind: register an implementation as a service (the whiteboard). The messaging
 * bundle calls it after the content is decrypted and stored, on the account's receive thread and in the order
 * the content arrived, so it must not block; what takes time belongs on the listener's own threads. A listener
 * that throws is logged and does not stop the others, nor the message.
 */
@ConsumerType
public interface ContentListener<C extends Content> {

    /** The kind it hears of, e.g. {@code CallMessage.class}. */
    Class<C> kind();

    void received(Received<C> received);
}
