package org.signalbox.core.messaging.internal.messenger;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.server.service.internal.TestServer;

/**
 * The real server and two daemons on it, each with its own data directory and one registered account; a test
 * may replace {@code bob} (a restart, a reinstall) and the last one is closed.
 */
abstract class AliceAndBob {

    static final String ALICE = "+15550001111";
    static final String BOB = "+15550002222";

    @TempDir
    Path dir;

    TestServer server;
    TestDaemon alice;
    TestDaemon bob;
    String aliceUuid;
    String bobUuid;

    @BeforeEach
    void startBoth() throws Exception {
        server = new TestServer(dir.resolve("server"));
        alice = new TestDaemon(dir.resolve("alice"), server.uri(), true);
        bob = new TestDaemon(dir.resolve("bob"), server.uri(), true);
        aliceUuid = alice.register(ALICE);
        bobUuid = bob.register(BOB);
    }

    @AfterEach
    void stopAll() throws Exception {
        alice.close();
        bob.close();
        server.close();
    }
}
