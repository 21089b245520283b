package org.signalbox.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Closed-loop load of {@code version} requests: each connection keeps {@code window} requests in flight (JSON-RPC
 * over a socket or WebSocket lets responses overtake each other) and records each request's latency by its id.
 */
final class Load {

    /** One client connection: sends whole lines (frames), hands every received one to the consumer. */
    interface Conn extends AutoCloseable {
        void send(String text) throws IOException;

        @Override
        void close() throws IOException;
    }

    interface Opener {
        Conn open(Consumer<String> received) throws Exception;
    }

    record Result(double perSecond, double p50Millis, double p99Millis, int failed) {
    }

    private Load() {
    }

    static Opener tcp(int port) {
        return received -> {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        received.accept(l);
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            return new Conn() {
                @Override
                public synchronized void send(String text) throws IOException {
                    out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        };
    }

    static Opener webSocket(URI uri) {
        return received -> {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        received.accept(partial.toString());
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            return new Conn() {
                @Override
                public synchronized void send(String text) {
                    ws.sendText(text, true).join();
                }

                @Override
                public void close() {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
                }
            };
        };
    }

    /** {@code requests} in all, spread over {@code connections}, {@code window} in flight on each. */
    static Result run(Opener opener, int connections, int requests, int window) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(connections);
        int each = requests / connections;
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread.ofPlatform().start(() -> {
                ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
                Semaphore slots = new Semaphore(window);
                CountDownLatch answered = new CountDownLatch(each);
                try (Conn conn = opener.open(line -> {
                    int id = idOf(line);
                    Long t = sentAt.remove(id);
                    if (t != null) {
                        latencies[Math.min(recorded.getAndIncrement(), requests - 1)] = System.nanoTime() - t;
                        if (!line.contains("\"result\"")) {
                            failed.incrementAndGet();
                        }
                        slots.release();
                        answered.countDown();
                    }
                })) {
                    for (int i = 1; i <= each; i++) {
                        slots.acquire();
                        sentAt.put(i, System.nanoTime());
                        conn.send("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":" + i + "}");
                    }
                    if (!answered.await(120, TimeUnit.SECONDS)) {
                        failed.addAndGet((int) answered.getCount());
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = Math.min(recorded.get(), requests);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Result(n / seconds, n == 0 ? 0 : sorted[n / 2] / 1e6, n == 0 ? 0 : sorted[(int) (n * 0.99)] / 1e6,
                failed.get());
    }

    /** The id of a response line, -1 for anything else (notifications). */
    private static int idOf(String line) {
        int at = line.lastIndexOf("\"id\":");
        if (at < 0) {
            return -1;
        }
        int end = at + 5;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        try {
            return Integer.parseInt(line.substring(at + 5, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
