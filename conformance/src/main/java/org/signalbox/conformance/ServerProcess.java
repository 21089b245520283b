package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A messaging server run from a server distribution ({@code signalbox server}) on a free loopback port, for the
 * daemons of one replay. It prints the URI clients connect to as its first stdout line.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final URI uri;

    private ServerProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    public static ServerProcess start(Path distribution, Path data) throws IOException {
        return start(distribution, data, 0);
    }

    /** On loopback port {@code port}, 0 for a free one. */
    public static ServerProcess start(Path distribution, Path data, int port) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(distribution.resolve("bin/signalbox").toString(), "--config",
                data.toString(), "server", "--listen", "127.0.0.1:" + port));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(data.resolve("server.stderr").toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // the script's own start-up limit applies; EOF if it fails
        if (line == null || !line.startsWith("ws://")) {
            p.destroyForcibly();
            throw new IOException("the messaging server from " + distribution + " did not start (see "
                    + data.resolve("server.stderr") + "): " + line);
        }
        return new ServerProcess(p, URI.create(line.strip()));
    }

    public URI uri() {
        return uri;
    }

    /** SIGKILL, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
