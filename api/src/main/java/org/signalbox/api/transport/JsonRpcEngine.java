package org.signalbox.api.transport;

import org.osgi.annotation.versioning.ProviderType;

/** The one JSON-RPC engine; every transport opens its connections here. */
@ProviderType
public interface JsonRpcEngine {

    /** Opens a connection whose output goes to {@code peer}. */
    Connection open(Peer peer, ConnectionOptions options);

    /** Opens a session for a client in this process, whose notifications go to {@code peer}. */
    LocalClient client(LocalPeer peer, ConnectionOptions options);
}
