package org.signalbox.server.service.internal;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/** What every connection of one running server shares. */
record ServerContext(Settings settings, PreKeyRegistry preKeys, Mailboxes mailboxes, Directory directory,
        CertificateAuthority authority, ScheduledExecutorService scheduler, Set<ClientSession> connections,
        Quotas quotas, RegistrationLocks locks, RateLimits oneTimeKeys, RateLimits preKeySources) {
}
