package org.signalbox.core.messaging.internal.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.api.account.Account;
import org.signalbox.api.storage.Tables;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.server.service.internal.TestServer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two daemons (each its own data directory and storage) exchange end-to-end encrypted messages through the real
 * server, over JSON-RPC, and their clients see signal-cli's notification shapes.
 */
class MessagingTest extends AliceAndBob {

    @Test
    void textArrivesInSignalCliShapeAndReceiptsComeBack() throws Exception {
        JsonNode sent = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"hello\"}");
        JsonNode result = sent.get("result");
        assertThat(result).as(sent.toString()).isNotNull();
        long timestamp = result.get("timestamp").asLong();
        assertThat(result.get("results")).singleElement().satisfies(r -> {
            assertThat(r.get("type").asText()).isEqualTo("SUCCESS");
            assertThat(r.get("recipientAddress").get("number").asText()).isEqualTo(BOB);
            assertThat(r.get("recipientAddress").get("uuid").asText()).isEqualTo(bobUuid);
        });

        JsonNode got = bob.notification(p -> p.path("envelope").has("dataMessage"));
        assertThat(got.get("account").asText()).isEqualTo(BOB);
        JsonNode envelope = got.get("envelope");
        assertThat(envelope.get("source").asText()).isEqualTo(ALICE);
        assertThat(envelope.get("sourceNumber").asText()).isEqualTo(ALICE);
        assertThat(envelope.get("sourceUuid").asText()).isEqualTo(aliceUuid);
        assertThat(envelope.get("sourceDevice").asInt()).isEqualTo(1);
        assertThat(envelope.get("timestamp").asLong()).isEqualTo(timestamp);
        assertThat(envelope.get("serverReceivedTimestamp").asLong()).isPositive();
        JsonNode data = envelope.get("dataMessage");
        assertThat(data.get("message").asText()).isEqualTo("hello");
        assertThat(data.get("timestamp").asLong()).isEqualTo(timestamp);
        assertThat(data.has("expiresInSeconds")).isTrue();
        assertThat(data.has("viewOnce")).isTrue();
        assertThat(data.has("mentions")).isFalse();

        JsonNode receipt = bob.call(BOB, "sendReceipt", "{\"recipient\":\"" + ALICE + "\",\"targetTimestamp\":["
                + timestamp + "]}");
        assertThat(receipt.get("result").get("results").get(0).get("type").asText()).isEqualTo("SUCCESS");
        JsonNode r = alice.notification(p -> p.path("envelope").path("receiptMessage").path("isRead").asBoolean())
                .get("envelope").get("receiptMessage");
        assertThat(r.get("isDelivery").asBoolean()).isFalse();
        assertThat(r.get("timestamps").get(0).asLong()).isEqualTo(timestamp);
    }

    @Test
    void endSessionResetsTheSessionOnBothSidesAndMessagesStillFlow() throws Exception {
        assertThat(alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"before\"}")
                .has("result")).isTrue();
        bob.notification(p -> p.path("envelope").path("dataMessage").path("message").asText().equals("before"));
        assertThat(sessions(alice, ALICE)).isPositive();
        assertThat(sessions(bob, BOB)).isPositive();

        JsonNode end = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"endSession\":true}");
        assertThat(end.get("result").get("results").get(0).get("type").asText()).as(end.toString())
                .isEqualTo("SUCCESS");
        bob.notification(p -> p.path("envelope").has("dataMessage")
                && !p.path("envelope").path("dataMessage").path("message").isTextual());
        assertThat(sessions(alice, ALICE)).as("the sender dropped its session").isZero();
        assertThat(sessions(bob, BOB)).as("so did the recipient").isZero();

        assertThat(bob.call(BOB, "send", "{\"recipient\":[\"" + ALICE + "\"],\"message\":\"after\"}")
                .get("result").get("results").get(0).get("type").asText()).isEqualTo("SUCCESS");
        alice.notification(p -> p.path("envelope").path("dataMessage").path("message").asText().equals("after"));
        assertThat(sessions(alice, ALICE)).as("a new session").isPositive();
    }

    private static int sessions(TestDaemon daemon, String number) throws Exception {
        return daemon.accounts.find(number).orElseThrow().store().table(org.signalbox.api.storage.Tables.SESSIONS)
                .all().size();
    }

    @Test
    void typingReactionsEditsAndDeletes() throws Exception {
        long t = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"first\"}").get("result")
                .get("timestamp").asLong();
        bob.notification(p -> p.path("envelope").has("dataMessage"));

        bob.call(BOB, "sendTypingIndicator", "{\"recipient\":[\"" + ALICE + "\"]}");
        JsonNode typing = alice.notification(p -> p.path("envelope").has("typingMessage")).get("envelope")
                .get("typingMessage");
        assertThat(typing.get("action").asText()).isEqualTo("STARTED");
        assertThat(typing.has("groupId")).isFalse();
        bob.call(BOB, "sendTyping", "{\"recipient\":[\"" + ALICE + "\"],\"stop\":true}");
        assertThat(alice.notification(p -> p.path("envelope").has("typingMessage")).get("envelope")
                .get("typingMessage").get("action").asText()).isEqualTo("STOPPED");

        bob.call(BOB, "sendReaction", "{\"recipient\":[\"" + ALICE + "\"],\"emoji\":\"👍\",\"targetAuthor\":\""
                + ALICE + "\",\"targetTimestamp\":" + t + "}");
        JsonNode reaction = alice.notification(p -> p.path("envelope").path("dataMessage").has("reaction"))
                .get("envelope").get("dataMessage").get("reaction");
        assertThat(reaction.get("emoji").asText()).isEqualTo("👍");
        assertThat(reaction.get("targetAuthorNumber").asText()).isEqualTo(ALICE);
        assertThat(reaction.get("targetAuthorUuid").asText()).isEqualTo(aliceUuid);
        assertThat(reaction.get("targetSentTimestamp").asLong()).isEqualTo(t);
        assertThat(reaction.get("isRemove").asBoolean()).isFalse();

        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"first, edited\",\"editTimestamp\":"
                + t + "}");
        JsonNode edit = bob.notification(p -> p.path("envelope").has("editMessage")).get("envelope")
                .get("editMessage");
        assertThat(edit.get("targetSentTimestamp").asLong()).isEqualTo(t);
        assertThat(edit.get("dataMessage").get("message").asText()).isEqualTo("first, edited");

        alice.call(ALICE, "remoteDelete", "{\"recipient\":[\"" + BOB + "\"],\"targetTimestamp\":" + t + "}");
        assertThat(bob.notification(p -> p.path("envelope").path("dataMessage").has("remoteDelete"))
                .get("envelope").get("dataMessage").get("remoteDelete").get("timestamp").asLong()).isEqualTo(t);
    }

    @Test
    void aMessageSentWhileTheReceiverIsOfflineArrivesWhenItComesBack() throws Exception {
        bob.close();
        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"while you were out\"}");
        bob = new TestDaemon(dir.resolve("bob"), server.uri(), true);
        JsonNode got = bob.notification(p -> p.path("envelope").has("dataMessage"));
        assertThat(got.get("envelope").get("dataMessage").get("message").asText()).isEqualTo("while you were out");
    }

    @Test
    void unknownRecipientsFailAsSignalCliFailsThem() throws Exception {
        JsonNode answer = alice.call(ALICE, "send", "{\"recipient\":[\"+15559999999\"],\"message\":\"anyone?\"}");
        assertThat(answer.get("error").get("code").asInt()).isEqualTo(-1);
        assertThat(answer.get("error").get("message").asText()).isEqualTo("Failed to send message");
        JsonNode r = answer.get("error").get("data").get("response").get("results").get(0);
        assertThat(r.get("type").asText()).isEqualTo("UNREGISTERED_FAILURE");
        assertThat(r.get("recipientAddress").get("number").asText()).isEqualTo("+15559999999");

        JsonNode mixed = alice.call(ALICE, "send", "{\"recipient\":[\"+15559999999\",\"" + BOB
                + "\"],\"message\":\"some\"}");
        assertThat(mixed.get("result").get("results")).extracting(n -> n.get("type").asText())
                .containsExactly("UNREGISTERED_FAILURE", "SUCCESS");
    }

    @Test
    void groupMessagesCarryTheGroupToItsMembers() throws Exception {
        String groupId = alice.call(ALICE, "updateGroup", "{\"name\":\"Ops\",\"member\":[\"" + BOB + "\"]}")
                .get("result").get("groupId").asText();
        alice.call(ALICE, "send", "{\"groupId\":\"" + groupId + "\",\"message\":\"to the group\"}");
        JsonNode data = bob.notification(p -> "to the group".equals(p.path("envelope").path("dataMessage")
                .path("message").asText())).get("envelope").get("dataMessage");
        assertThat(data.get("groupInfo").get("type").asText()).isEqualTo("DELIVER");
        assertThat(data.get("groupInfo").get("groupId").asText()).isEqualTo(groupId);
        assertThat(data.get("groupInfo").get("groupName").asText()).isEqualTo("Ops");
        JsonNode groups = bob.call(BOB, "listGroups", "{}").get("result");
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.get("id").asText()).isEqualTo(groupId);
            assertThat(g.get("isMember").asBoolean()).isTrue();
            assertThat(g.get("members")).hasSize(2);
        });
    }

    @Test
    void aChangedIdentityIsUntrustedUntilTrustedBothWays() throws Exception {
        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"before\"}");
        bob.notification(p -> p.path("envelope").has("dataMessage"));
        assertThat(bob.call(BOB, "setPin", "{\"pin\":\"13579\"}").has("error")).isFalse();
        bob.close();
        bob = new TestDaemon(dir.resolve("bob-reinstalled"), server.uri(), true);
        assertThat(bob.register(BOB, "13579")).as("the number keeps its UUID").isEqualTo(bobUuid);

        JsonNode refused = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"after\"}");
        assertThat(refused.get("error").get("code").asInt()).as(refused.toString()).isEqualTo(-4);
        assertThat(refused.get("error").get("data").get("response").get("results").get(0).get("type").asText())
                .isEqualTo("IDENTITY_FAILURE");
        JsonNode identities = alice.call(ALICE, "listIdentities", "{\"number\":\"" + BOB + "\"}").get("result");
        assertThat(identities).singleElement().satisfies(i -> {
            assertThat(i.get("trustLevel").asText()).isEqualTo("UNTRUSTED");
            assertThat(i.get("safetyNumber").asText()).as("signal-cli's twelve groups of five")
                    .matches("[0-9]{5}( [0-9]{5}){11}");
        });

        bob.call(BOB, "send", "{\"recipient\":[\"" + ALICE + "\"],\"message\":\"it is me, new phone\"}");
        JsonNode heldBack = alice.notification(p -> p.has("exception")).get("exception");
        assertThat(heldBack.get("type").asText()).isEqualTo("UntrustedIdentityException");

        assertThat(alice.call(ALICE, "trust", "{\"recipient\":\"" + BOB + "\",\"trustAllKnownKeys\":true}")
                .has("error")).isFalse();
        JsonNode reopened = alice.notification(p -> p.path("envelope").has("dataMessage")).get("envelope");
        assertThat(reopened.get("sourceUuid").asText()).isEqualTo(bobUuid);
        assertThat(reopened.get("dataMessage").get("message").asText()).isEqualTo("it is me, new phone");
        JsonNode sent = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"welcome back\"}");
        assertThat(sent.get("result").get("results").get(0).get("type").asText()).isEqualTo("SUCCESS");
        assertThat(bob.notification(p -> p.path("envelope").has("dataMessage")).get("envelope").get("dataMessage")
                .get("message").asText()).isEqualTo("welcome back");
    }

    @Test
    void groupChangesReachTheMembers() throws Exception {
        JsonNode created = alice.call(ALICE, "updateGroup", "{\"name\":\"Ops\",\"member\":[\"" + BOB + "\"]}")
                .get("result");
        String groupId = created.get("groupId").asText();
        assertThat(created.get("results")).singleElement().satisfies(r -> {
            assertThat(r.get("type").asText()).isEqualTo("SUCCESS");
            assertThat(r.get("groupId").asText()).isEqualTo(groupId);
        });
        JsonNode update = bob.notification(p -> p.path("envelope").path("dataMessage").has("groupInfo"))
                .get("envelope").get("dataMessage");
        assertThat(update.get("message").isNull()).isTrue();
        assertThat(update.get("groupInfo").get("type").asText()).isEqualTo("UPDATE");
        assertThat(update.get("groupInfo").get("groupName").asText()).isEqualTo("Ops");

        alice.call(ALICE, "updateGroup", "{\"groupId\":\"" + groupId + "\",\"name\":\"Ops on call\"}");
        bob.notification(p -> "Ops on call".equals(p.path("envelope").path("dataMessage").path("groupInfo")
                .path("groupName").asText()));
        assertThat(bob.call(BOB, "listGroups", "{}").get("result").get(0).get("name").asText())
                .isEqualTo("Ops on call");

        JsonNode quit = bob.call(BOB, "quitGroup", "{\"groupId\":\"" + groupId + "\"}").get("result");
        assertThat(quit.get("results").get(0).get("type").asText()).isEqualTo("SUCCESS");
        alice.notification(p -> p.path("envelope").path("dataMessage").has("groupInfo"));
        JsonNode group = alice.call(ALICE, "listGroups", "{}").get("result").get(0);
        assertThat(group.get("members")).extracting(m -> m.get("number").asText()).containsExactly(ALICE);
        assertThat(bob.call(BOB, "listGroups", "{}").get("result").get(0).get("isMember").asBoolean()).isFalse();
    }

    @Test
    void userStatusComesFromTheDirectory() throws Exception {
        JsonNode status = alice.call(ALICE, "getUserStatus", "{\"recipient\":[\"" + BOB
                + "\",\"+15559999999\"]}").get("result");
        assertThat(status.get(0).get("isRegistered").asBoolean()).isTrue();
        assertThat(status.get(0).get("uuid").asText()).isEqualTo(bobUuid);
        assertThat(status.get(1).get("isRegistered").asBoolean()).isFalse();
        assertThat(status.get(1).get("uuid").isNull()).isTrue();
    }

    @Test
    void theServerDatabaseHoldsNoSenderOfASealedMessage() throws Exception {
        bob.close();
        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"who sent this?\"}");
        Account a = alice.accounts.find(ALICE).orElseThrow();
        byte[] identity = new IdentityKeyPair(a.store().table(Tables.ACCOUNT).get(AccountManager.IDENTITY)
                .orElseThrow()).getPublicKey().serialize();
        List<byte[]> sender = List.of(identity, aliceUuid.getBytes(StandardCharsets.US_ASCII),
                ALICE.getBytes(StandardCharsets.US_ASCII), uuidBytes(aliceUuid),
                HexFormat.of().formatHex(identity).getBytes(StandardCharsets.US_ASCII));
        Path db;
        try (Stream<Path> files = Files.walk(dir.resolve("server"))) {
            db = files.filter(f -> f.getFileName().toString().equals("account.db")).findFirst().orElseThrow();
        }
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet r = c.createStatement().executeQuery("SELECT queue, payload FROM messages")) {
            while (r.next()) {
                rows++;
                byte[] row = (r.getString(1) + "|").getBytes(StandardCharsets.US_ASCII);
                byte[] payload = r.getBytes(2);
                for (byte[] s : sender) {
                    assertThat(indexOf(row, s)).as("queue name holds the sender").isNegative();
                    assertThat(indexOf(payload, s)).as("queued message holds the sender").isNegative();
                }
            }
        }
        assertThat(rows).as("the message waits in the server's queue for bob").isEqualTo(1);
        bob = new TestDaemon(dir.resolve("bob"), server.uri(), true);
        assertThat(bob.notification(p -> p.path("envelope").has("dataMessage")).get("envelope").get("sourceUuid")
                .asText()).as("only bob can tell who sent it").isEqualTo(aliceUuid);
    }

    @Test
    void smallAttachmentsTravelInlineAndLandWhereSignalCliKeepsThem() throws Exception {
        Path file = Files.write(dir.resolve("notes.txt"), "plain text, attached".getBytes(StandardCharsets.UTF_8));
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        JsonNode sent = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"attachment\":[\"" + file
                + "\",\"data:image/png;filename=dot.png;base64," + png + "\"]}");
        assertThat(sent.has("result")).as(sent.toString()).isTrue();
        JsonNode data = bob.notification(p -> p.path("envelope").path("dataMessage").has("attachments"))
                .get("envelope").get("dataMessage");
        assertThat(data.get("message").isNull()).isTrue();
        JsonNode text = data.get("attachments").get(0);
        assertThat(text.get("filename").asText()).isEqualTo("notes.txt");
        assertThat(text.get("size").asInt()).isEqualTo(20);
        assertThat(text.get("id").asText()).endsWith(".txt");
        assertThat(dir.resolve("bob/attachments/" + text.get("id").asText())).hasContent("plain text, attached");
        JsonNode image = data.get("attachments").get(1);
        assertThat(image.get("contentType").asText()).isEqualTo("image/png");
        assertThat(image.get("filename").asText()).isEqualTo("dot.png");
        JsonNode fetched = bob.call(BOB, "getAttachment", "{\"id\":\"" + image.get("id").asText() + "\"}");
        assertThat(fetched.get("result").get("data").asText()).isEqualTo(png);

        JsonNode missing = bob.call(BOB, "getAttachment", "{\"id\":\"../../etc/passwd\"}");
        assertThat(missing.get("error").get("message").asText()).startsWith("Could not find attachment with ID");
        Path big = Files.write(dir.resolve("big.bin"), new byte[Attachments.MAX_BYTES + 1]);
        JsonNode tooBig = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"attachment\":[\"" + big
                + "\"]}");
        assertThat(tooBig.get("error").get("code").asInt()).isEqualTo(-1);
        assertThat(tooBig.get("error").get("message").asText()).startsWith("Attachment too large");
    }

    @Test
    void ignoreAttachmentsDescribesThemAndKeepsNoFile() throws Exception {
        bob.close();
        bob = new TestDaemon(dir.resolve("bob"), server.uri(), true, new ReceiveOptions(false, true));
        JsonNode sent = alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB
                + "\"],\"message\":\"see attached\",\"attachment\":[\"data:text/plain;filename=a.txt,attached\"]}");
        assertThat(sent.has("result")).as(sent.toString()).isTrue();
        JsonNode data = bob.notification(p -> p.path("envelope").path("dataMessage").has("attachments"))
                .get("envelope").get("dataMessage");
        JsonNode attachment = data.get("attachments").get(0);
        assertThat(attachment.get("filename").asText()).isEqualTo("a.txt");
        assertThat(attachment.get("size").asInt()).isEqualTo(8);
        assertThat(dir.resolve("bob/attachments/" + attachment.get("id").asText())).doesNotExist();
        JsonNode fetched = bob.call(BOB, "getAttachment", "{\"id\":\"" + attachment.get("id").asText() + "\"}");
        assertThat(fetched.get("error").get("message").asText()).startsWith("Could not find attachment with ID");
    }

    @Test
    void manualReceiveAndExplicitSubscriptionsGetTheSameEnvelopes() throws Exception {
        bob.close();
        bob = new TestDaemon(dir.resolve("bob"), server.uri(), false);
        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"one\"}");
        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"two\"}");
        assertThat(bob.call(BOB, "receive", "{\"timeout\":5,\"maxMessages\":1}").get("result"))
                .extracting(e -> e.get("envelope").get("dataMessage").get("message").asText()).containsExactly("one");
        // as signal-cli: receiving goes on until the timeout passes without a new envelope, so one call gets the
        // rest and what comes within it
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1500);
                alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"late\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode received = bob.call(BOB, "receive", "{\"timeout\":5}").get("result");
        assertThat(received).extracting(e -> e.get("envelope").get("dataMessage").get("message").asText())
                .containsExactly("two", "late");
        assertThat(received.get(0).get("account").asText()).isEqualTo(BOB);

        int subscription = bob.call(BOB, "subscribeReceive", "{}").get("result").asInt();
        assertThat(bob.call(BOB, "receive", "{}").get("error").get("message").asText())
                .isEqualTo("Receive command cannot be used if messages are already being received.");
        alice.call(ALICE, "send", "{\"recipient\":[\"" + BOB + "\"],\"message\":\"three\"}");
        JsonNode pushed = bob.notification(p -> p.has("subscription"));
        assertThat(pushed.get("subscription").asInt()).isEqualTo(subscription);
        assertThat(pushed.get("result").get("envelope").get("dataMessage").get("message").asText())
                .isEqualTo("three");
        assertThat(pushed.get("result").get("account").asText()).isEqualTo(BOB);
    }

    @Test
    void anAccountTopsUpItsPrekeysWhenTheServerRunsLow() throws Exception {
        try (TestServer asking = TestServer.withPreKeyChecks(dir.resolve("asking"), 110, 20);
                TestDaemon carol = new TestDaemon(dir.resolve("carol"), asking.uri(), true)) {
            carol.register("+15550003333");
            Account c = carol.accounts.find("+15550003333").orElseThrow();
            // 100 one-time keys of each kind at registration; the server wants 110: one batch of 20 more
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> c.store().table(Tables.PRE_KEYS).all().size() == 120);
            Thread.sleep(1000); // the server checks every 100 ms: enough for a needless second batch to show
            assertThat(c.store().table(Tables.PRE_KEYS).all()).hasSize(120);
            assertThat(c.store().table(Tables.KYBER_PRE_KEYS).all()).hasSize(121); // + the last-resort key
        }
    }

    private static byte[] uuidBytes(String uuid) {
        java.util.UUID u = java.util.UUID.fromString(uuid);
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
