package org.signalbox.core.daemon.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The daemon's own stdout as a client: each {@code receive} notification is printed as its params, one
 * {@code {envelope, account}} object per line, the shape of signal-cli's {@code -o json} output.
 */
final class ReceivedToStdout implements LocalPeer {

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
    public synchronized boolean notify(Notification notification, Handover handover) {
        if (!"receive".equals(notification.event())) {
            handover.kept(); // nothing but received messages goes to stdout
            return true;
        }
        if (open) {
            try {
                out.write((MAPPER.writeValueAsString(notification.params()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                handover.kept();
                return true;
            } catch (IOException e) {
                open = false;
            }
        }
        handover.returned();
        return false;
    }

    @Override
    public synchronized void close() {
        open = false;
    }
}
