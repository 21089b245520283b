package org.signalbox.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code jsonRpc} of the distribution under test as a child process: lines in on stdin, out of stdout. */
final class StdioClient extends LineClient {

    private final Process process;
    private final OutputStream stdin;
    private final Path stderr;

    StdioClient(ProcessBuilder command, Path stderr) throws IOException {
        this.stderr = stderr;
        this.process = command.redirectError(stderr.toFile()).start();
        this.stdin = process.getOutputStream();
        readFrom(process.getInputStream(), "stdout");
    }

    @Override
    public void send(String line) throws IOException {
        writeLine(stdin, line);
    }

    @Override
    public void closeInput() throws IOException {
        stdin.close();
    }

    @Override
    public Integer waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    @Override
    public Path stderr() {
        return stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
