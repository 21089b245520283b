package org.signalbox.core.cli.internal;

import java.util.concurrent.CompletableFuture;

import org.signalbox.api.transport.Peer;

/** The peer of a one-shot command: keeps the one response the engine writes. */
final class CapturingPeer implements Peer {

    private final CompletableFuture<String> response = new CompletableFuture<>();

    @Override
    public String transport() {
        return "cli";
    }

    @Override
    public boolean write(String json) {
        response.complete(json);
        return true;
    }

    @Override
    public void close() {
        response.cancel(false);
    }

    CompletableFuture<String> response() {
        return response;
    }

    @Override
    public boolean local() {
        return true; // the command line of this machine
    }
}
