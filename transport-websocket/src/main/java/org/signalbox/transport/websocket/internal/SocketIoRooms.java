package org.signalbox.transport.websocket.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Socket.IO rooms of one transport instance. A room is a conversation of one account ({@code conversation_<id>}
 * of seed 002), so two accounts' sockets never share one; sockets are also found by their account for
 * {@code webrtc_forward}.
 */
final class SocketIoRooms {

    private final ConcurrentHashMap<String, Set<SocketIoDialect>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<SocketIoDialect>> byAccount = new ConcurrentHashMap<>();

    private static String key(String account, String conversation) {
        return account + "\n" + conversation;
    }

    void join(String account, String conversation, SocketIoDialect socket) {
        rooms.computeIfAbsent(key(account, conversation), k -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void leave(String account, String conversation, SocketIoDialect socket) {
        remove(rooms, key(account, conversation), socket);
    }

    Set<SocketIoDialect> room(String account, String conversation) {
        return rooms.getOrDefault(key(account, conversation), Set.of());
    }

    void authenticated(String account, SocketIoDialect socket) {
        byAccount.computeIfAbsent(account, k -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    Set<SocketIoDialect> of(String account) {
        return byAccount.getOrDefault(account, Set.of());
    }

    void signedOff(String account, SocketIoDialect socket) {
        remove(byAccount, account, socket);
    }

    /** Takes the socket out of one set and drops the set once empty. */
    private static void remove(ConcurrentHashMap<String, Set<SocketIoDialect>> map, String key,
            SocketIoDialect socket) {
        map.computeIfPresent(key, (k, s) -> {
            s.remove(socket);
            return s.isEmpty() ? null : s;
        });
    }
}
