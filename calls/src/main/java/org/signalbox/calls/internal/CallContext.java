package org.signalbox.calls.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.signalbox.api.account.Account;
import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Delivery;
import org.signalbox.api.network.IceServer;
import org.signalbox.calls.internal.tunnel.Tunnel;
import org.signalbox.calls.internal.tunnel.TunnelBinary;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a {@link Call} needs of the daemon; {@link Calls} provides it, tests fake it. */
interface CallContext {

    CallsConfig config();

    /** Sends call signalling to the call's peer. */
    Delivery send(Account from, String peer, CallMessage message) throws IOException;

    /** ICE servers for {@code proceed}: the messaging server's relays, else the configured ones, else none. */
    List<IceServer> iceServers(Account account);

    /** Starts a tunnel process for the call. */
    Tunnel spawn(Call call, ObjectNode config, Tunnel.Listener listener) throws IOException, TunnelBinary.NotFound;

    /** Publishes a {@code callEvent} of the call as it is now. */
    void publish(Call call, String reason);

    ScheduledFuture<?> schedule(Runnable task, long millis);

    /** The call ended: forget it (after its ENDED event went out). */
    void ended(Call call);
}
