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

/** {@code jsonRpc} of the distribution under test as a child process: lines in on stdin, out of stdout. */
final class StdioClient implements Client {

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean started;
    private final Path stderr;

    StdioClient(ProcessBuilder command, Path stderr) throws IOException {
        this.stderr = stderr;
        this.process = command.redirectError(stderr.toFile()).start();
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    started = true;
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<<stdout failed: " + e.getMessage() + ">>");
            }
        }, "conformance-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    @Override
    public String next(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<String> remaining() {
        List<String> rest = new java.util.ArrayList<>();
        lines.drainTo(rest);
        return rest;
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
