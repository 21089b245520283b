package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The receipts an account sends by itself, as signal-cli does: DELIVERY for every data message it receives, READ
 * too with {@code --send-read-receipts}, and nothing for receipts or typing.
 */
class DeliveryReceiptsTest extends AliceAndBob {

    @Test
    void aDataMessageComesBackAsDeliveredAndReceiptsAndTypingGetNone() throws Exception {
        long hello = sent(alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"hello\"}"));
        JsonNode delivered = receipt(alice);
        assertThat(delivered.get("isDelivery").asBoolean()).isTrue();
        assertThat(delivered.get("isRead").asBoolean()).isFalse();
        assertThat(timestamps(delivered)).containsExactly(hello);

        bob.call(BOB, "sendReceipt", "{\"recipient\":\"" + ALICE + "\",\"targetTimestamp\":[" + hello + "]}");
        assertThat(receipt(alice).get("isRead").asBoolean()).isTrue();
        bob.call(BOB, "sendTyping", "{\"recipient\":[\"" + ALICE + "\"]}");
        long ping = sent(bob.call(BOB, "send", "{\"recipient\":[\"" + ALICE + "\"],\"message\":\"ping\"}"));

        // had Alice owed anything for the read receipt or the typing, it would be in this first receipt
        JsonNode back = receipt(bob);
        assertThat(back.get("isDelivery").asBoolean()).isTrue();
        assertThat(timestamps(back)).containsExactly(ping);
    }

    @Test
    void sendReadReceiptsAddsAReadReceiptForEveryDataMessage() throws Exception {
        bob.close();
        bob = new TestDaemon(dir.resolve("bob"), server.uri(), true, true);
        long hello = sent(alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"hello\"}"));
        JsonNode first = receipt(alice);
        JsonNode second = receipt(alice);
        assertThat(List.of(first, second)).extracting(r -> r.get("isDelivery").asBoolean())
                .containsExactly(true, false);
        assertThat(second.get("isRead").asBoolean()).isTrue();
        assertThat(timestamps(first)).containsExactly(hello);
        assertThat(timestamps(second)).containsExactly(hello);
    }

    private static long sent(JsonNode answer) {
        assertThat(answer.path("result").path("results").path(0).path("type").asText()).as(answer.toString())
                .isEqualTo("SUCCESS");
        return answer.get("result").get("timestamp").asLong();
    }

    private static JsonNode receipt(TestDaemon d) throws Exception {
        return d.notification(p -> p.path("envelope").has("receiptMessage")).get("envelope").get("receiptMessage");
    }

    private static List<Long> timestamps(JsonNode receipt) {
        return StreamSupport.stream(receipt.get("timestamps").spliterator(), false).map(JsonNode::asLong).toList();
    }
}
