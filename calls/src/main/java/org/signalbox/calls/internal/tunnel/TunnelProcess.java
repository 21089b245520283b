package org.signalbox.calls.internal.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.signalbox.api.transport.LineReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code signal-call-tunnel} child process: the config line and then commands on its stdin, events from its
 * stdout, its stderr to the log. Three threads serve it (writer, reader, stderr), and all three end with the
 * process. Every line is bounded in both directions: a tunnel that writes endless lines or garbage is read
 * past, one that stops reading its stdin fills a bounded queue (then {@link #send} says no), never memory.
 */
public final class TunnelProcess implements Tunnel {

    private static final System.Logger LOG = System.getLogger("Calls");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Commands queued for a tunnel that does not read them; more means it is stuck. */
    private static final int QUEUE = 256;
    private static final String CLOSE = "\u0000close";

    private final Process process;
    private final String name;
    private final BlockingQueue<String> commands = new ArrayBlockingQueue<>(QUEUE);
    private final List<Thread> threads;
    private volatile boolean closing;

    private TunnelProcess(Process process, String name, Listener listener, int maxLine, Duration grace) {
        this.process = process;
        this.name = name;
        // platform threads: a read or write on a pipe blocks its carrier, so as virtual threads every call would
        // take carriers from the scheduler that runs the daemon's requests (at most 256 of them in all)
        Thread.Builder threads = Thread.ofPlatform().daemon();
        this.threads = List.of(
                threads.name(name + "-stdin").start(this::write),
                threads.name(name + "-stdout").start(() -> read(listener, maxLine, grace)),
                threads.name(name + "-stderr").start(() -> log(maxLine)));
    }

    /**
     * Starts {@code binary} and queues {@code config} as its first line.
     *
     * @param name names its threads and log lines, e.g. {@code tunnel-<call id>}
     * @param environment variables it gets beyond the daemon's
     */
    public static TunnelProcess start(Path binary, ObjectNode config, String name, Listener listener, int maxLine,
            Duration grace, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(binary.toString());
        builder.environment().putAll(environment);
        Process p = builder.start();
        TunnelProcess t = new TunnelProcess(p, name, listener, maxLine, grace);
        t.send(config);
        return t;
    }

    /** Queues a line for the tunnel's stdin; false if it is closing or has not read the last {@value #QUEUE}. */
    @Override
    public boolean send(ObjectNode line) {
        if (closing) {
            return false;
        }
        try {
            return commands.offer(MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command is always serialisable", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Closes its stdin after what is queued, waits up to {@code grace} for it to exit, then destroys it (forcibly
     * if it must) and reaps it. Returns once the process and its threads are gone.
     */
    @Override
    public void end(Duration grace) {
        closing = true;
        commands.offer(CLOSE); // the queue may be full of lines it never read: then the destroy below ends it
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, name + " ignored SIGTERM; killing it");
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            for (Thread t : threads) {
                if (t != Thread.currentThread()) {
                    t.interrupt(); // the writer may wait for a command that never comes
                    t.join(grace.toMillis());
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether its three threads are gone (after {@link #end}). */
    boolean threadsEnded() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    private void write() {
        try (OutputStream in = process.getOutputStream()) {
            while (true) {
                String line = commands.take();
                if (line == CLOSE) {
                    return;
                }
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, name + " stopped reading its stdin: " + e.getMessage());
        } catch (InterruptedException e) {
            // ended
        }
    }

    private void read(Listener listener, int maxLine, Duration grace) {
        LogLimiter warnings = new LogLimiter();
        try (InputStream out = process.getInputStream()) {
            LineReader lines = new LineReader(out, maxLine);
            while (true) {
                LineReader.Line line = lines.next();
                if (line instanceof LineReader.End) {
                    break;
                }
                if (line instanceof LineReader.TooLong t) {
                    warn(warnings, name + " wrote a line longer than " + t.limit() + " bytes; skipped");
                } else if (line instanceof LineReader.Text text && !text.value().isBlank()) {
                    ObjectNode event = parse(text.value());
                    if (event == null) {
                        warn(warnings, name + " wrote what is not an event (a JSON object with a type); skipped: "
                                + abbreviate(text.value()));
                    } else {
                        listener.event(event);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, name + " stdout: " + e.getMessage());
        }
        int status = -1;
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                status = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.exited(status);
    }

    private static ObjectNode parse(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            return n instanceof ObjectNode o && o.path("type").isTextual() ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void log(int maxLine) {
        LogLimiter limiter = new LogLimiter();
        try (InputStream err = process.getErrorStream()) {
            LineReader lines = new LineReader(err, maxLine);
            for (LineReader.Line line = lines.next(); !(line instanceof LineReader.End); line = lines.next()) {
                if (!limiter.allow()) {
                    continue;
                }
                long held = limiter.suppressed();
                String text = line instanceof LineReader.Text t ? abbreviate(t.value()) : "(a line over the limit)";
                LOG.log(System.Logger.Level.INFO, name + ": " + text
                        + (held > 0 ? " (" + held + " earlier lines not logged)" : ""));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, name + " stderr: " + e.getMessage());
        }
    }

    private static void warn(LogLimiter limiter, String message) {
        if (limiter.allow()) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
