package org.signalbox.api.network;

/**
 * One recipient's outcome of {@link Network#send}, as {@code send} reports it per recipient.
 *
 * @param recipient the recipient as the caller named it
 * @param aci the recipient's account id, when it is known
 * @param detail why it failed, for the log; empty on success
 */
public record Delivery(String recipient, String aci, Outcome outcome, String detail) {

    public enum Outcome {
        SUCCESS, UNREGISTERED_FAILURE, IDENTITY_FAILURE, NETWORK_FAILURE, RATE_LIMIT_FAILURE
    }

    public boolean delivered() {
        return outcome == Outcome.SUCCESS;
    }
}
