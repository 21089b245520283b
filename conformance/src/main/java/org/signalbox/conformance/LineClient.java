package org.signalbox.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What every channel shares: lines (frames, bodies) written whole, and read into a queue as they come. */
abstract class LineClient implements Client {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean started;

    /** Reads {@code in} line by line on a daemon thread until its end, then calls {@link #ended()}. */
    final void readFrom(InputStream in, String what) {
        Thread.ofPlatform().daemon().name("conformance-" + what).start(() -> {
            // the stream is left open: closing a channel's stream closes the channel, which close() does
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    received(line);
                }
            } catch (IOException e) {
                lines.add("<<" + what + " failed: " + e.getMessage() + ">>");
            } finally {
                ended();
            }
        });
    }

    /** One line (or frame, or response body) from the daemon. */
    final void received(String line) {
        started = true;
        lines.add(line);
    }

    /** The input reached its end. */
    void ended() {
    }

    static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public final boolean started() {
        return started;
    }

    @Override
    public final String next(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public final List<String> remaining() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }
}
