package org.signalbox.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where a transcript's session lines go and come from: the daemon's stdio, or a socket of {@code daemon}. */
interface Client extends AutoCloseable {

    void send(String line) throws IOException;

    /** The next line from the daemon, or null if none came within the time. */
    String next(long millis) throws InterruptedException;

    /** Whether the daemon has sent anything yet: until then its start-up is part of the wait. */
    boolean started();

    /** Lines received and not read yet. */
    List<String> remaining();

    /** EOF towards the daemon: stdin closed, or the socket's output shut down. */
    void closeInput() throws IOException;

    /**
     * After {@link #closeInput}: how the session ended, null if it has not within the time. For stdio the exit
     * status; for a socket 0 once the daemon has closed the connection.
     */
    Integer waitFor(long millis) throws InterruptedException;

    /** The daemon's stderr. */
    Path stderr();

    @Override
    void close();
}
