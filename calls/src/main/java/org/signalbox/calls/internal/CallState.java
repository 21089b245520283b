package org.signalbox.calls.internal;

/** A call's state as clients see it (signal-cli's {@code CallInfo.State}). */
public enum CallState {
    IDLE, RINGING_INCOMING, RINGING_OUTGOING, CONNECTING, CONNECTED, RECONNECTING, ENDED;

    boolean ringing() {
        return this == RINGING_INCOMING || this == RINGING_OUTGOING;
    }
}
