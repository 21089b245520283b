package org.signalbox.server.service.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.signalbox.server} (a {@code conf/org.signalbox.server.cfg} file or ConfigAdmin). */
@ObjectClassDefinition(name = "Signalbox messaging server")
@interface ServerConfig {

    @AttributeDefinition(description = "Address to bind; loopback unless you mean to serve other machines.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port; 0 picks a free one.")
    int port() default Settings.DEFAULT_PORT;

    @AttributeDefinition(description = "Folder of the server's database.")
    String dataDir();

    @AttributeDefinition(name = "StorageBackend.target", description = "Filter selecting the storage backend.")
    String StorageBackend_target() default "(signalbox.storage=sqlite)";

    @AttributeDefinition(description = "If set, ClaimNumber must carry this token; empty means open registration.")
    String registrationToken() default "";

    @AttributeDefinition(description = "PreKeysLow is sent while a device has fewer one-time keys than this.")
    int preKeysLowLimit() default Settings.DEFAULT_LOW_LIMIT;

    @AttributeDefinition(description = "keysRequested in PreKeysLow.")
    int preKeysRequested() default 2 * Settings.DEFAULT_LOW_LIMIT;

    @AttributeDefinition(description = "How often a connected device's stock is checked, in milliseconds.")
    long preKeysCheckMillis() default Settings.DEFAULT_CHECK_MILLIS;

    @AttributeDefinition(description = "Lifetime of issued sender certificates, in hours.")
    int certificateHours() default Settings.DEFAULT_CERTIFICATE_HOURS;

    @AttributeDefinition(description = "Largest WebSocket frame accepted, in bytes.")
    int maxFrameBytes() default Settings.DEFAULT_MAX_FRAME;

    @AttributeDefinition(description = "Inbound messages in flight (sent, not yet acked) per connection.")
    int deliveryWindow() default Settings.DEFAULT_WINDOW;

    @AttributeDefinition(description = "Wrong registration lock PINs accepted per number per window.")
    int registrationLockAttempts() default 5;

    @AttributeDefinition(description = "The window of registrationLockAttempts, in minutes.")
    long registrationLockWindowMinutes() default 60;

    @AttributeDefinition(description = "Messages waiting for one device; more are refused (quota_exceeded).")
    int queuedPerDevice() default 10_000;

    @AttributeDefinition(description = "Bytes waiting for one device.")
    long queuedBytesPerDevice() default 256L << 20;

    @AttributeDefinition(description = "Bytes waiting for all devices together.")
    long queuedBytesTotal() default 2L << 30;

    @AttributeDefinition(description = "Bytes one anonymous connection may queue per second, on average.")
    long anonymousBytesPerSecond() default 8L << 20;

    @AttributeDefinition(description = "Bytes one anonymous connection may queue at once.")
    long anonymousBurstBytes() default 64L << 20;

    @AttributeDefinition(description = "One-time prekeys handed out per user per window; then bundles carry the"
            + " signed prekey alone.")
    int oneTimeKeysPerTarget() default 50;

    @AttributeDefinition(description = "Prekey requests per source address per window (rate_limited beyond).")
    int preKeyRequestsPerSource() default 1_200;

    @AttributeDefinition(description = "The window of the prekey limits, in seconds.")
    long preKeyWindowSeconds() default 60;

    @AttributeDefinition(description = "Frames queued to one connection before the server stops reading from it.")
    int pendingFrames() default 1_024;

    @AttributeDefinition(description = "TURN server URIs handed to calls (turn:, turns:); empty: no relays.")
    String[] turnUris() default {};

    @AttributeDefinition(description = "The TURN REST API secret shared with those TURN servers (coturn's "
            + "static-auth-secret); required with turnUris.")
    String turnSecret() default "";

    @AttributeDefinition(description = "Lifetime of the TURN credentials handed out, in seconds.")
    long turnTtlSeconds() default 86_400L;
}
