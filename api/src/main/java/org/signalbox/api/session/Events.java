package org.signalbox.api.session;

import org.osgi.annotation.versioning.ProviderType;

/** Delivers an event to every session subscribed to it, in the shape each subscription asks for. */
@ProviderType
public interface Events {

    /**
     * Publishes {@code payload} (e.g. {@code {envelope, account}}) for {@code account}. Automatic subscriptions
     * receive it as the notification's params; explicit ones as {@code {subscription, result: payload}}.
     *
     * @return how many subscriptions it was delivered to
     */
    int publish(String event, String account, Object payload);

    /**
     * Publishes stored messages: {@code handover} is kept once any client kept the text, and returned once every
     * client it went to returned it, at once if nobody is subscribed.
     *
     * @return how many subscriptions it was written to
     */
    int publish(String event, String account, Object payload, Handover handover);

    /** Whether a subscription would receive {@code event} for {@code account} now. */
    boolean subscribed(String event, String account);
}
