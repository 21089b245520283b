package org.signalbox.conformance;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/** A distribution started with {@code --shell}: commands typed into the Gogo shell, its output read back. */
final class GogoShell implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final StringBuffer output = new StringBuffer();

    GogoShell(List<String> command, Path stderr) throws IOException {
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        stdin = process.getOutputStream();
        Thread.ofVirtual().start(() -> {
            try (var in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                for (int c = in.read(); c >= 0; c = in.read()) {
                    output.append((char) c);
                }
            } catch (IOException e) {
                output.append("<<").append(e.getMessage()).append(">>");
            }
        });
    }

    /** Types {@code line}; returns the output from then on once it holds {@code expected} (60 s at most). */
    String run(String line, String expected) throws IOException {
        int from = output.length();
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> output.substring(Math.min(from, output.length())).contains(expected));
        return output.substring(from);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
