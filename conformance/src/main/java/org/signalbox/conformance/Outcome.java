package org.signalbox.conformance;

/** How one transcript went against one distribution. */
record Outcome(String name, Status status, String message, String log, String stderr, double seconds) {

    enum Status { PASSED, FAILED, SKIPPED }
}
