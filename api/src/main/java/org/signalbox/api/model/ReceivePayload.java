package org.signalbox.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * The payload of a {@code receive} notification: the automatic shape's params, or the {@code result} of the
 * subscription shape.
 *
 * @param exception {@code {message, type}} when the envelope could not be processed
 */
public record ReceivePayload(Envelope envelope, String account,
        @JsonInclude(Include.NON_NULL) ReceiveFailure exception) {

    /** Why an envelope could not be decrypted or processed; {@code type} is the simple exception name. */
    public record ReceiveFailure(String message, String type) {
    }
}
