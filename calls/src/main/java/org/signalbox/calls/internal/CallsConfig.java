package org.signalbox.calls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.signalbox.calls} ({@code conf/org.signalbox.calls.cfg} or ConfigAdmin). */
@ObjectClassDefinition(name = "Signalbox calls")
public @interface CallsConfig {

    @AttributeDefinition(description = "The signal-call-tunnel executable; empty: SIGNAL_CALL_TUNNEL_BIN, then "
            + "<distribution>/bin/signal-call-tunnel, then PATH. SIGNAL_CALL_TUNNEL_BIN wins over this too.")
    String tunnelPath() default "";

    @AttributeDefinition(description = "How long a call rings, either way, before it ends (ring_timeout), in ms.")
    long ringTimeoutMillis() default 60_000L;

    @AttributeDefinition(description = "ICE servers for calls when the messaging server hands out none: "
            + "urls, each 'stun:HOST:PORT', 'turn:HOST:PORT?transport=udp', ...")
    String[] iceServers() default {};

    @AttributeDefinition(description = "Username for the configured turn: servers.")
    String iceUsername() default "";

    @AttributeDefinition(description = "Password for the configured turn: servers.")
    String icePassword() default "";

    @AttributeDefinition(description = "Calls at once, in all accounts (a call between two accounts of this "
            + "daemon is two); an offer beyond is answered busy, a startCall beyond fails.")
    int maxConcurrentCalls() default 128;

    @AttributeDefinition(description = "How long an ending tunnel may take to exit after its stdin closed, in ms; "
            + "then it is killed.")
    long hangupGraceMillis() default 2_000L;

    @AttributeDefinition(description = "The longest line a tunnel may write on stdout or stderr, in bytes; longer "
            + "lines are skipped.")
    int maxLineBytes() default 1 << 20;

    @AttributeDefinition(description = "Ask the tunnel to relay only (hideIp in proceed).")
    boolean hideIp() default false;
}
