package org.signalbox.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/** {@code envelope.typingMessage}; {@code groupId} only for group typing. */
public record TypingMessage(String action, long timestamp, @JsonInclude(Include.NON_NULL) String groupId) {

    public static final String STARTED = "STARTED";
    public static final String STOPPED = "STOPPED";
}
