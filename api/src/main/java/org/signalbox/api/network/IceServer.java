package org.signalbox.api.network;

import java.util.List;

/**
 * A STUN or TURN server as WebRTC takes it: {@code {urls, username, password}}.
 *
 * @param username empty for a server that needs none
 */
public record IceServer(List<String> urls, String username, String password) {

    public IceServer {
        urls = List.copyOf(urls);
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }
}
