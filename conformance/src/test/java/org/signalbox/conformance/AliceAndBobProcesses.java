package org.signalbox.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A messaging server process (the server distribution) and two daemon processes on it, alice and bob, each with
 * its own data directory and one registered account. A test may replace any of the three (a kill, a restart);
 * whatever is there at the end is stopped.
 */
abstract class AliceAndBobProcesses {

    static final String ALICE = "+15550001111";
    static final String BOB = "+15550002222";

    static Path distributions;

    @TempDir
    Path dir;

    ServerProcess server;
    DaemonProcess alice;
    DaemonProcess bob;

    @BeforeAll
    static void locate() {
        distributions = Assembled.distributions();
    }

    @BeforeEach
    void startAll() throws Exception {
        server = ServerProcess.start(distributions.resolve("signalbox-server"),
                Files.createDirectories(dir.resolve("server")));
        alice = daemon("alice");
        bob = daemon("bob");
        alice.register(ALICE);
        bob.register(BOB);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, server}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Starts the daemon called {@code name} on {@code dir/name}, with the test's distribution. */
    abstract DaemonProcess daemon(String name) throws Exception;
}
