package org.signalbox.calls.internal.tunnel;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A call's tunnel as the call sees it: commands in, events out ({@link TunnelProcess} is the real one). */
public interface Tunnel {

    /** What the tunnel says, in order, from one thread. */
    interface Listener {
        /** An event line: a JSON object with a textual {@code type}. */
        void event(ObjectNode event);

        /** Its stdout ended; {@code status} is its exit status, or -1 if it closed stdout and still runs. */
        void exited(int status);
    }

    /** Queues a command line; false when the tunnel is closing or stopped reading. */
    boolean send(ObjectNode line);

    boolean alive();

    /** Closes its stdin, waits up to {@code grace}, then stops it for good; returns once it is gone. */
    void end(Duration grace);
}
