package org.signalbox.core.engine.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.session.Handover;
import org.signalbox.api.session.Session;
import org.signalbox.api.transport.Answer;
import org.signalbox.api.transport.ConnectionOptions;
import org.signalbox.api.transport.LocalClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** An in-process client: each call runs as a request of its session, and its response object is the answer. */
final class LocalClientImpl implements LocalClient {

    private final JsonRpcEngineImpl engine;
    private final SessionImpl session;
    private final ConnectionOptions options;
    private final AtomicLong ids = new AtomicLong();

    LocalClientImpl(JsonRpcEngineImpl engine, SessionImpl session, ConnectionOptions options) {
        this.engine = engine;
        this.session = session;
        this.options = options;
    }

    @Override
    public CompletableFuture<Answer> call(String method, ObjectNode params) {
        Request request = new Request(TextNode.valueOf("local-" + ids.incrementAndGet()), method, params.deepCopy(),
                null);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            engine.executor().execute(() -> {
                JsonRpcEngineImpl.Reply reply = engine.execute(request, options, session);
                // handed to code in this process: what the answer carries has reached its client
                reply.carried().forEach(Handover::kept);
                answer.complete(of(reply.response()));
            });
        } catch (RejectedExecutionException e) {
            answer.complete(Answer.failed(RpcError.IO.code(), "The engine is stopping"));
        }
        return answer;
    }

    private static Answer of(ObjectNode response) {
        JsonNode error = response.get("error");
        if (error == null) {
            return new Answer(response.get("result"), null);
        }
        return new Answer(MissingNode.getInstance(), new Answer.Failure(error.path("code").asInt(),
                error.path("message").asText(), error.path("data")));
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void close() {
        engine.closed(session);
    }
}
