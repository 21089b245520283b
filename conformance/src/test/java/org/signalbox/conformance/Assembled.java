package org.signalbox.conformance;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;

/** The assembled distributions the tests of this module run as child processes. */
final class Assembled {

    private Assembled() {
    }

    /** {@code distribution/target}, or the test is skipped when conformance runs are (-Dsignalbox.skipConformance). */
    static Path distributions() {
        assumeFalse(Boolean.getBoolean("signalbox.skipConformance"), "conformance runs are skipped");
        return Path.of(System.getProperty("signalbox.distributions", "../distribution/target"));
    }
}
