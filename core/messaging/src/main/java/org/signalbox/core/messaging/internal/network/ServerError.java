package org.signalbox.core.messaging.internal.network;

import java.io.IOException;

/** The server answered a request with {@code Error}; {@link #name()} is the protocol's error name. */
public final class ServerError extends IOException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String description;

    ServerError(String name, String description) {
        super(description == null || description.isEmpty() ? name : name + ": " + description);
        this.name = name;
        this.description = description == null || description.isEmpty() ? name : description;
    }

    /** What the server said, in its words (its error name when it said nothing more). */
    public String description() {
        return description;
    }

    public String name() {
        return name;
    }

    public boolean is(String errorName) {
        return name.equals(errorName);
    }
}
