package org.signalbox.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code version} requests per second and p50/p99 latency over Signalbox's TCP and WebSocket transports with 1 and
 * 8 connections, beside signal-cli 0.13.19's {@code daemon --tcp} and a bare loopback echo (the limit) measured in
 * the same run; then how long starting and stopping an HTTP/WebSocket transport takes while the daemon runs, and
 * what a client that pipelines without reading costs a polite one ({@link Flood}).
 *
 * <p>Arguments: the distributions folder, signal-cli's home ({@code -} to leave it out), requests per measurement,
 * requests in flight per connection.
 */
public final class TransportBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path distributions = Path.of(args[0]);
        Path signalCli = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        Path work = Files.createTempDirectory("signalbox-bench-");
        List<Process> processes = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try (EchoLimit echo = new EchoLimit()) {
            int tcp = freePort();
            int http = freePort();
            processes.add(start(List.of(distributions.resolve("signalbox-full/bin/signalbox").toString(), "--config",
                    work.resolve("signalbox").toString(), "daemon", "--tcp", "127.0.0.1:" + tcp, "--http",
                    "127.0.0.1:" + http, "--no-receive-stdout"), Map.of(), work.resolve("signalbox.log")));
            awaitListening(tcp);
            Map<String, Load.Opener> targets = new LinkedHashMap<>();
            targets.put("loopback echo (limit)", Load.tcp(echo.port()));
            targets.put("signalbox tcp", Load.tcp(tcp));
            targets.put("signalbox websocket", Load.webSocket(URI.create("ws://127.0.0.1:" + http + "/api/v1/ws")));
            int cliPort = -1;
            if (signalCli != null) {
                int port = freePort();
                cliPort = port;
                processes.add(start(List.of(signalCli.resolve("bin/signal-cli").toString(), "--config",
                        work.resolve("signal-cli").toString(), "daemon", "--tcp", "127.0.0.1:" + port),
                        Map.of("JAVA_HOME", System.getProperty("java.home")), work.resolve("signal-cli.log")));
                awaitListening(port);
                targets.put("signal-cli 0.13.19 tcp", Load.tcp(port));
            }
            line(report, String.format("version requests, %d per measurement, %d in flight per connection, loopback,"
                    + " %d cores", requests, window, Runtime.getRuntime().availableProcessors()));
            line(report, String.format("%-26s %5s %12s %9s %9s %7s", "target", "conns", "req/s", "p50 ms", "p99 ms",
                    "failed"));
            Map<String, Double> rates = new LinkedHashMap<>();
            for (var t : targets.entrySet()) {
                Load.run(t.getValue(), 1, requests / 4, window); // warm-up: JIT, connection set-up
                for (int connections : new int[] {1, 8}) {
                    Load.Result r = Load.run(t.getValue(), connections, requests, window);
                    rates.put(t.getKey() + "/" + connections, r.perSecond());
                    line(report, String.format(Locale.ROOT, "%-26s %5d %12.0f %9.2f %9.2f %7d", t.getKey(),
                            connections, r.perSecond(), r.p50Millis(), r.p99Millis(), r.failed()));
                }
            }
            for (int connections : new int[] {1, 8}) {
                double limit = rates.get("loopback echo (limit)/" + connections);
                for (String mine : List.of("signalbox tcp", "signalbox websocket")) {
                    double rate = rates.get(mine + "/" + connections);
                    String vsCli = signalCli == null ? "" : String.format(Locale.ROOT, ", %.2fx signal-cli tcp",
                            rate / rates.get("signal-cli 0.13.19 tcp/" + connections));
                    line(report, String.format(Locale.ROOT, "ratio %-20s %d conn: %.0f%% of the echo limit%s", mine,
                            connections, 100 * rate / limit, vsCli));
                }
            }
            swaps(tcp, report);
            line(report, Flood.measure("signalbox tcp", tcp, processes.get(0).pid(), 2_000));
            if (cliPort > 0) {
                line(report, Flood.measure("signal-cli 0.13.19 tcp", cliPort, processes.get(1).pid(), 2_000));
            }
        } finally {
            for (Process p : processes) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        Path out = Path.of("target/bench/transports.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Report: " + out.toAbsolutePath());
    }

    /** Starting an HTTP/WebSocket transport until it answers, and stopping it, five times through the admin methods. */
    private static void swaps(int tcp, StringBuilder report) throws Exception {
        try (Socket admin = new Socket(InetAddress.getLoopbackAddress(), tcp);
                BufferedReader in = new BufferedReader(new InputStreamReader(admin.getInputStream(),
                        StandardCharsets.UTF_8))) {
            OutputStream out = admin.getOutputStream();
            double[] starts = new double[5];
            double[] stops = new double[5];
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                String name = call(out, in, "startTransport", "{\"kind\":\"http\",\"http\":\"127.0.0.1:0\"}", 2 * i + 1)
                        .get("name").asText();
                int port = Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
                CompletableFuture<String> answer = new CompletableFuture<>();
                try (Load.Conn ws = Load.webSocket(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"))
                        .open(answer::complete)) {
                    ws.send("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":1}");
                    answer.get(30, TimeUnit.SECONDS);
                }
                starts[i] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                call(out, in, "stopTransport", "{\"name\":\"" + name + "\"}", 2 * i + 2);
                stops[i] = (System.nanoTime() - t1) / 1e6;
            }
            Arrays.sort(starts);
            Arrays.sort(stops);
            line(report, String.format(Locale.ROOT, "swap: start an HTTP/WebSocket transport until it answers: median"
                    + " %.0f ms (min %.0f, max %.0f); stop it: median %.0f ms", starts[2], starts[0], starts[4],
                    stops[2]));
        }
    }

    private static JsonNode call(OutputStream out, BufferedReader in, String method, String params, int id)
            throws IOException {
        out.write(("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + id
                + "}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            JsonNode n = MAPPER.readTree(l);
            if (n.path("id").asInt() == id) {
                if (!n.has("result")) {
                    throw new IOException(method + " failed: " + l);
                }
                return n.get("result");
            }
        }
        throw new IOException("the daemon closed the admin connection");
    }

    private static void line(StringBuilder report, String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("nothing listens on " + port + " after 90 s");
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
