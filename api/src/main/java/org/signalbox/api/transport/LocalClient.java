package org.signalbox.api.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.annotation.versioning.ProviderType;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.session.Session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client of the engine inside this process (the shell, a dialect transport, stdout printing): requests go in as
 * trees and come back as {@link Answer}s, notifications reach its {@link LocalPeer} as {@link Notification}s; no
 * JSON text is written or parsed between them. Its session is like any other: subscriptions, routing, admin
 * rules for {@link LocalPeer#local()}.
 */
@ProviderType
public interface LocalClient {

    /**
     * Runs {@code method} with named {@code params} (validated, routed and bound as any request's). Stored
     * messages its result carries count as kept once the answer is handed over.
     */
    CompletableFuture<Answer> call(String method, ObjectNode params);

    /** {@link #call(String, ObjectNode)} waiting at most {@code timeout}; no answer by then is a {@code -3} failure. */
    default Answer call(String method, ObjectNode params, Duration timeout) {
        try {
            return call(method, params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Answer.failed(RpcError.IO.code(), "No answer from " + method);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(RpcError.IO.code(), "Interrupted while waiting for " + method);
        }
    }

    Session session();

    /** Ends the session: its subscriptions end, what it did not acknowledge goes back to the store. */
    void close();
}
