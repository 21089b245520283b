package org.signalbox.core.daemon.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.signalbox.api.transport.Peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The daemon's own stdout as a client: each {@code receive} notification is printed as its params, one
 * {@code {envelope, account}} object per line, the shape of signal-cli's {@code -o json} output.
 */
final class ReceivedToStdout implements Peer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OutputStream out;
    private boolean open = true;

    ReceivedToStdout(OutputStream out) {
        this.out = out;
    }

    @Override
    public String transport() {
        return "daemon-stdout";
    }

    @Override
    public synchronized boolean write(String json) {
        if (!open) {
            return false;
        }
        try {
            JsonNode message = MAPPER.readTree(json);
            if (!"receive".equals(message.path("method").asText())) {
                return true; // nothing but received messages goes to stdout
            }
            out.write((MAPPER.writeValueAsString(message.get("params")) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            open = false;
            return false;
        }
    }

    @Override
    public synchronized void close() {
        open = false;
    }
}
