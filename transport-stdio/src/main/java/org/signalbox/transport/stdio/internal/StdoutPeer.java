package org.signalbox.transport.stdio.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.signalbox.api.transport.Peer;

/** Writes each JSON text as one line; a lock keeps lines whole when many threads answer at once. */
final class StdoutPeer implements Peer {

    private static final System.Logger LOG = System.getLogger("Stdio");

    private final OutputStream out;
    private volatile boolean open = true;

    StdoutPeer(OutputStream out) {
        this.out = out;
    }

    @Override
    public String transport() {
        return "stdio";
    }

    @Override
    public boolean write(String json) {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (!open) {
                return false;
            }
            try {
                out.write(line);
                out.flush();
                return true;
            } catch (IOException e) {
                open = false;
                LOG.log(System.Logger.Level.WARNING, "stdout closed: " + e.getMessage());
                return false;
            }
        }
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    @Override
    public boolean local() {
        return true; // the process that started this one
    }
}
