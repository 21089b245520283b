package org.signalbox.transport.websocket.internal;

import java.util.List;

import org.signalbox.api.network.IceServer;
import org.signalbox.api.network.TurnRest;

/** {@code webrtc_config}'s shape of TURN REST API credentials ({@link TurnRest}): with the lifetime, as {@code uris}. */
record TurnCredentials(String username, String password, long ttl, List<String> uris) {

    static TurnCredentials issue(String secret, String id, long nowSeconds, long ttlSeconds, List<String> uris) {
        IceServer s = TurnRest.issue(secret, id, nowSeconds, ttlSeconds, uris);
        return new TurnCredentials(s.username(), s.password(), ttlSeconds, s.urls());
    }
}
