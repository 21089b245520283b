package org.signalbox.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * A client of {@code daemon --http} on {@code POST /api/v1/rpc}: every line is one request body, every 200 body a
 * line back; 201 (nothing to answer) adds none. Requests go out concurrently, as lines on a socket would.
 */
final class HttpPostClient extends DaemonClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;

    HttpPostClient(ProcessBuilder command, Path stderr, URI uri) throws IOException, InterruptedException {
        super(command, stderr);
        this.uri = uri;
        URI check = uri.resolve("/api/v1/check");
        whenListening(check, () -> {
            try {
                return http.send(HttpRequest.newBuilder(check).build(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
    }

    @Override
    public void send(String line) {
        http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        received("<<HTTP request failed: " + e.getMessage() + ">>");
                    } else if (r.statusCode() == 200) {
                        received(r.body());
                    } else if (r.statusCode() != 201) {
                        received("<<HTTP " + r.statusCode() + ">>");
                    }
                });
    }

    /** Nothing lasts between requests, so there is no input to end. */
    @Override
    public void closeInput() {
    }

    @Override
    public Integer waitFor(long millis) {
        return 0;
    }

    @Override
    void disconnect() {
        http.close();
    }
}
