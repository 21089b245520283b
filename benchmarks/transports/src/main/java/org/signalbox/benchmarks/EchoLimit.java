package org.signalbox.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The limit of this machine and client: a bare loopback server that answers every line with a fixed version
 * response without parsing it. No daemon can beat it; the ratio says how much of the budget JSON-RPC costs.
 */
final class EchoLimit implements AutoCloseable {

    private final ServerSocket server;

    EchoLimit() throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                int at = l.lastIndexOf("\"id\":");
                String id = l.substring(at + 5, l.length() - 1);
                out.write(("{\"jsonrpc\":\"2.0\",\"result\":{\"version\":\"echo\"},\"id\":" + id + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // client gone
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
