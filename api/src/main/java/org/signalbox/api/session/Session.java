package org.signalbox.api.session;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** One client connection on any transport. */
@ProviderType
public interface Session {

    /** Unique within this process, e.g. {@code stdio-1}. */
    String id();

    /** The transport's name ({@code stdio}, {@code tcp}, ...). */
    String transport();

    /** Writes a JSON-RPC notification (no {@code id}) to this client as one whole line or frame. */
    void notify(String method, Object params);

    /** Subscribes this session to an event ({@code receive}, {@code callEvent}), for one account or all. */
    Subscription subscribe(String event, Optional<String> account);

    /**
     * An automatic subscription, as signal-cli gives every connection for {@code receive} unless its receive mode
     * is manual: notifications carry the payload itself as params, not {@code {subscription, result}}.
     */
    Subscription subscribeAutomatic(String event, Optional<String> account);

    /**
     * A subscription whose client acknowledges what it got: each notification carries a {@code delivery} id, and
     * stored messages stay stored until {@link #acknowledge} names it; what is unacknowledged when the session
     * ends goes back to the store. At most {@code 256} wait for acknowledgement; then nothing more is written
     * until some are acknowledged.
     */
    Subscription subscribeAcknowledged(String event, Optional<String> account);

    /** Acknowledges deliveries of this session's acknowledged subscriptions; returns how many it knew. */
    int acknowledge(java.util.Collection<Long> deliveries);

    Collection<Subscription> subscriptions();

    boolean isOpen();

    /** Whether the client is on this machine (see {@code Peer.local()}). */
    boolean local();

    /** Closes the connection; the transport finishes the frame in progress first. */
    void close();
}
