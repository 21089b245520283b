package org.signalbox.core.engine.internal;

import java.util.Optional;

import org.signalbox.api.session.Handover;
import org.signalbox.api.transport.LocalPeer;
import org.signalbox.api.transport.Notification;
import org.signalbox.api.transport.Peer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a session's output goes: a transport's peer as JSON text, or an in-process client as trees, so that
 * nothing is serialised only to be parsed back.
 */
interface Output {

    String transport();

    boolean local();

    /**
     * A notification; {@code params} is {@code payload} itself or {@code {subscription, result: payload, …}};
     * {@code handover} stands for the stored messages it carries, null for none.
     */
    boolean notification(String event, Optional<String> account, Object payload, Object params, Handover handover);

    /** A response text; only connections that speak text get one. */
    boolean text(String json, Handover handover);

    void close();

    static Output of(Peer peer) {
        return new Output() {
            @Override
            public String transport() {
                return peer.transport();
            }

            @Override
            public boolean local() {
                return peer.local();
            }

            @Override
            public boolean notification(String event, Optional<String> account, Object payload, Object params,
                    Handover handover) {
                return text(Responses.notification(event, params).toString(), handover);
            }

            @Override
            public boolean text(String json, Handover handover) {
                return handover == null ? peer.write(json) : peer.write(json, handover);
            }

            @Override
            public void close() {
                peer.close();
            }
        };
    }

    static Output of(LocalPeer peer) {
        return new Output() {
            @Override
            public String transport() {
                return peer.transport();
            }

            @Override
            public boolean local() {
                return peer.local();
            }

            @Override
            public boolean notification(String event, Optional<String> account, Object payload, Object params,
                    Handover handover) {
                // one conversion: an explicit subscription's params hold the payload as their result
                JsonNode wrapped = Json.MAPPER.valueToTree(params);
                JsonNode tree = params == payload ? wrapped : wrapped.get("result");
                return peer.notify(new Notification(event, account, tree, wrapped),
                        handover == null ? LocalPeer.NOTHING : handover);
            }

            @Override
            public boolean text(String json, Handover handover) {
                throw new IllegalStateException("an in-process client is answered with trees, not text");
            }

            @Override
            public void close() {
                peer.close();
            }
        };
    }
}
