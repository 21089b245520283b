package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The distribution under test as a child process: lines in on stdin, lines out of stdout, stderr to a file. */
final class Daemon implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;

    Daemon(ProcessBuilder command, Path stderr) throws IOException {
        this.stderr = stderr;
        this.process = command.redirectError(stderr.toFile()).start();
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<<stdout failed: " + e.getMessage() + ">>");
            }
        }, "conformance-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next stdout line, or null if none came within the time. */
    String next(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    List<String> remaining() {
        List<String> rest = new java.util.ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    void closeInput() throws IOException {
        stdin.close();
    }

    /** The exit status, or null if it has not ended within the time. */
    Integer waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    Path stderr() {
        return stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
