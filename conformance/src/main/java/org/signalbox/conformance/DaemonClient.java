package org.signalbox.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code daemon} of the distribution under test as a child process, and one client connection to one of its
 * channels that carries the transcript's lines.
 */
abstract class DaemonClient extends LineClient {

    private static final long CONNECT_MILLIS = 60_000;

    /** One try at reaching the daemon; an IOException means it does not listen yet. */
    interface Attempt<T> {
        T attempt() throws IOException;
    }

    private final Process process;
    private final Path stderr;

    DaemonClient(ProcessBuilder command, Path stderr) throws IOException {
        this.stderr = stderr;
        this.process = command.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** Tries until the daemon listens; gives up if it dies or does not listen within a minute. */
    final <T> T whenListening(Object where, Attempt<T> attempt) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + CONNECT_MILLIS;
        while (true) {
            try {
                return attempt.attempt();
            } catch (IOException e) { // refused, or no socket file yet
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("the daemon did not listen on " + where + ": "
                            + (Files.exists(stderr) ? Files.readString(stderr).strip() : e.getMessage()));
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public final Path stderr() {
        return stderr;
    }

    /** Closes the client's connection; the daemon is stopped after it. */
    abstract void disconnect();

    @Override
    public final void close() {
        disconnect();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
