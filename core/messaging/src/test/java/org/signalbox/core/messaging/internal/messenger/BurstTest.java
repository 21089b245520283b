package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Many sends at once from an account that has no session with the recipient yet, while the recipient's delivery
 * receipts come back on the sessions being started: every message and every receipt opens. (Before sessions were
 * started one at a time and in a transaction, concurrent first sends overwrote one another's ratchets and a
 * burst lost receipts, and sometimes messages, as "InvalidMessageException".)
 */
class BurstTest extends AliceAndBob {

    private static final int BURST = 300;

    @RepeatedTest(6)
    void everyMessageOfABurstToANewContactArrivesAndIsAcknowledged() throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < BURST; i++) {
            ids.add(alice.request(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"m-" + i + "\"}"));
        }
        Set<Long> sent = new TreeSet<>();
        Set<Long> delivered = new TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ids.isEmpty() && System.nanoTime() < deadline) {
            JsonNode line = alice.lines.poll(1, TimeUnit.SECONDS);
            if (line != null && ids.remove(line.path("id").asInt(-1))) {
                assertThat(line.path("result").path("results").path(0).path("type").asText()).as(line.toString())
                        .isEqualTo("SUCCESS");
                sent.add(line.get("result").get("timestamp").asLong());
            } else if (line != null) {
                receipted(line, delivered);
            }
        }
        assertThat(ids).as("sends answered").isEmpty();

        Set<String> missing = new TreeSet<>();
        for (int i = 0; i < BURST; i++) {
            missing.add("m-" + i);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            JsonNode line = bob.lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                JsonNode envelope = line.path("params").path("envelope");
                assertThat(line.path("params").has("exception")).as(line.toString()).isFalse();
                missing.remove(envelope.path("dataMessage").path("message").asText());
            }
        }
        assertThat(missing).as("acknowledged, never arrived").isEmpty();

        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!delivered.containsAll(sent) && System.nanoTime() < deadline) {
            JsonNode line = alice.lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                receipted(line, delivered);
            }
        }
        Set<Long> unreceipted = new TreeSet<>(sent);
        unreceipted.removeAll(delivered);
        assertThat(unreceipted).as("sent, never receipted").isEmpty();
    }

    private static void receipted(JsonNode line, Set<Long> delivered) {
        assertThat(line.path("params").has("exception")).as(line.toString()).isFalse();
        JsonNode receipt = line.path("params").path("envelope").path("receiptMessage");
        if (receipt.path("isDelivery").asBoolean()) {
            receipt.get("timestamps").forEach(t -> delivered.add(t.asLong()));
        }
    }
}
