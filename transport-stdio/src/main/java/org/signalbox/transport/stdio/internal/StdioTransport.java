package org.signalbox.transport.stdio.internal;

import org.signalbox.api.transport.Transport;

/** The one stdio connection of a {@code jsonRpc} process, as a {@link Transport} service. */
final class StdioTransport implements Transport {

    private volatile State state = State.STARTING;

    @Override
    public String name() {
        return "stdio";
    }

    @Override
    public String endpoint() {
        return "stdin/stdout";
    }

    @Override
    public int connections() {
        return state == State.RUNNING ? 1 : 0;
    }

    @Override
    public State state() {
        return state;
    }

    void state(State value) {
        state = value;
    }
}
