package org.signalbox.calls.internal;

import java.util.UUID;

/** What clients see of a call at one moment. */
public record CallInfo(long id, CallState state, String number, UUID uuid, boolean outgoing, String inputDevice,
        String outputDevice) {
}
