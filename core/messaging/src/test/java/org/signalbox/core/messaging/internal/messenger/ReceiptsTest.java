package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.storage.memory.internal.MemoryStorageBackend;

/** What is owed stays owed until the server takes it, and goes as one receipt per sender and type. */
class ReceiptsTest {

    private static final String CAROL = "00000000-0000-4000-8000-00000000000c";
    private static final String DAVE = "00000000-0000-4000-8000-00000000000d";

    @TempDir
    Path dir;

    @Test
    void aNetworkFailureKeepsTheReceiptsForTheNextFlushWhichBatchesThem() throws Exception {
        AccountStore store = new MemoryStorageBackend().open(dir, "account");
        Receipts receipts = new Receipts(store, false);
        store.transaction(() -> {
            receipts.owe(CAROL, text(1001));
            receipts.owe(CAROL, text(1002));
            receipts.owe(DAVE, Wire.Content.newBuilder().setEditMessage(Wire.EditMessage.newBuilder()
                    .setDataMessage(Wire.DataMessage.newBuilder().setTimestamp(2001))).build());
            receipts.owe(DAVE, Wire.Content.newBuilder().setTypingMessage(Wire.TypingMessage.newBuilder()
                    .setTimestamp(2002)).build());
            return null;
        });

        List<Wire.Content> tried = new ArrayList<>();
        receipts.flush((to, content) -> {
            tried.add(content);
            return List.of(new SendResult(to.uuid(), null, null, SendResult.Type.NETWORK_FAILURE));
        });
        assertThat(tried).hasSize(2);

        List<String> sent = new ArrayList<>();
        receipts.flush((to, content) -> {
            Wire.ReceiptMessage r = content.getReceiptMessage();
            sent.add(to.uuid() + " " + r.getType() + " " + r.getTimestampsList());
            return List.of(new SendResult(to.uuid(), null, null, SendResult.Type.SUCCESS));
        });
        assertThat(sent).containsExactly(CAROL + " DELIVERY [1001, 1002]", DAVE + " DELIVERY [2001]");

        receipts.flush((to, content) -> {
            throw new AssertionError("nothing is owed any more, yet " + content + " was sent");
        });
        assertThat(store.queue(Receipts.QUEUE).pending(10)).isEmpty();
    }

    @Test
    void withReadReceiptsEachMessageOwesDeliveryThenRead() throws Exception {
        AccountStore store = new MemoryStorageBackend().open(dir, "account");
        Receipts receipts = new Receipts(store, true);
        receipts.owe(CAROL, text(1001));
        List<String> sent = new ArrayList<>();
        receipts.flush((to, content) -> {
            sent.add(content.getReceiptMessage().getType() + " " + content.getReceiptMessage().getTimestampsList());
            return List.of(new SendResult(to.uuid(), null, null, SendResult.Type.SUCCESS));
        });
        assertThat(sent).containsExactly("DELIVERY [1001]", "READ [1001]");
    }

    private static Wire.Content text(long timestamp) {
        return Wire.Content.newBuilder().setDataMessage(Wire.DataMessage.newBuilder().setTimestamp(timestamp)
                .setBody("hi")).build();
    }
}
