package org.signalbox.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client of {@code daemon --http} on {@code /api/v1/ws} with the JDK WebSocket client: one text frame per line. */
final class WebSocketClient extends DaemonClient implements WebSocket.Listener {

    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    WebSocketClient(ProcessBuilder command, Path stderr, URI uri) throws IOException, InterruptedException {
        super(command, stderr);
        HttpClient http = HttpClient.newHttpClient();
        this.socket = whenListening(uri, () -> {
            try {
                return http.newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException(e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void send(String line) {
        socket.sendText(line, true).join();
    }

    /** A close frame: the WebSocket's end of input. */
    @Override
    public void closeInput() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Override
    public Integer waitFor(long millis) throws InterruptedException {
        try {
            closed.get(millis, TimeUnit.MILLISECONDS);
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    void disconnect() {
        socket.abort();
    }
}
