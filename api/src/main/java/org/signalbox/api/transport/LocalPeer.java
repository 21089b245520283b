package org.signalbox.api.transport;

import org.osgi.annotation.versioning.ConsumerType;
import org.signalbox.api.session.Handover;

/** The side of an in-process client ({@link JsonRpcEngine#client}) that the engine talks to. */
@ConsumerType
public interface LocalPeer {

    /** Transport name the session reports, e.g. {@code shell}. */
    String transport();

    /** Whether the client acts for someone on this machine (see {@link Peer#local()}). */
    default boolean local() {
        return false;
    }

    /**
     * A notification for the client. {@code handover} stands for the stored messages it carries (a no-op when it
     * carries none): decide it, now or later, kept once the client has them, returned if they did not reach it.
     * Called from many threads.
     *
     * @return false if the client is gone
     */
    boolean notify(Notification notification, Handover handover);

    /** The engine ends the session (it stops). */
    default void close() {
    }

    /**
     * The peer of a client that only makes requests and subscribes to nothing (a one-shot command, the shell):
     * should a notification come anyway, what it carries goes back to the store.
     */
    static LocalPeer requestsOnly(String transport, boolean local) {
        return new LocalPeer() {
            @Override
            public String transport() {
                return transport;
            }

            @Override
            public boolean local() {
                return local;
            }

            @Override
            public boolean notify(Notification notification, Handover handover) {
                handover.returned();
                return false;
            }
        };
    }

    /** A handover that stands for nothing stored. */
    Handover NOTHING = new Handover() {
        @Override
        public void kept() {
        }

        @Override
        public void returned() {
        }
    };
}
