package org.signalbox.core.cli.internal;

/** A command failed in a way the user should read on stderr; carries signal-cli's exit status. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    CliException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
