package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Two daemons, each its own process and data directory (the minimal distribution), and one messaging server
 * process (the server distribution), exchanging end-to-end encrypted messages over JSON-RPC on stdio; then the
 * same with a daemon or the server killed with SIGKILL in the middle of a burst.
 */
class TwoDaemonsTest extends AliceAndBobProcesses {

    private static final int BURST = 1000;
    /** Sends in flight at once during a burst. */
    private static final int WINDOW = 32;
    private static final Duration QUIET = Duration.ofSeconds(15);

    @Override
    DaemonProcess daemon(String name) throws Exception {
        return DaemonProcess.start(distributions.resolve("signalbox-minimal"), dir.resolve(name), server.uri());
    }

    @Test
    void messagesReceiptsTypingReactionsEditsDeletesOfflineGroupsAndIdentityChangeBetweenProcesses() throws Exception {
        JsonNode sent = alice.call("send", DaemonProcess.params(ALICE).put("message", "hello bob")
                .set("recipient", list(BOB)));
        long t = sent.get("result").get("timestamp").asLong();
        JsonNode got = bob.nextEnvelope(QUIET);
        assertThat(got.get("sourceNumber").asText()).isEqualTo(ALICE);
        assertThat(got.get("dataMessage").get("message").asText()).isEqualTo("hello bob");
        assertThat(delivered(alice, t)).as("bob's daemon acknowledged the message by itself").containsExactly(t);

        ObjectNode receipt = DaemonProcess.params(BOB).put("recipient", ALICE);
        receipt.putArray("targetTimestamp").add(t);
        bob.call("sendReceipt", receipt);
        JsonNode read = alice.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("receiptMessage");
        assertThat(read.get("isRead").asBoolean()).isTrue();
        assertThat(read.get("timestamps").get(0).asLong()).isEqualTo(t);

        bob.call("sendTyping", DaemonProcess.params(BOB).put("recipient", ALICE));
        assertThat(alice.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("typingMessage").get("action")
                .asText()).isEqualTo("STARTED");
        long reaction = bob.call("sendReaction", DaemonProcess.params(BOB).put("recipient", ALICE)
                .put("emoji", "🎉").put("targetAuthor", ALICE).put("targetTimestamp", t)).get("result")
                .get("timestamp").asLong();
        assertThat(alice.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("dataMessage").get("reaction")
                .get("emoji").asText()).isEqualTo("🎉");
        long edited = alice.call("send", DaemonProcess.params(ALICE).put("message", "hello, bob")
                .put("editTimestamp", t).set("recipient", list(BOB))).get("result").get("timestamp").asLong();
        JsonNode edit = bob.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("editMessage");
        assertThat(edit.get("targetSentTimestamp").asLong()).isEqualTo(t);
        assertThat(edit.get("dataMessage").get("message").asText()).isEqualTo("hello, bob");
        long deleted = alice.call("remoteDelete", DaemonProcess.params(ALICE).put("targetTimestamp", t)
                .set("recipient", list(BOB))).get("result").get("timestamp").asLong();
        assertThat(bob.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("dataMessage").get("remoteDelete")
                .get("timestamp").asLong()).isEqualTo(t);
        assertThat(delivered(bob, reaction)).as("a reaction is a data message; read receipts and typing earn none")
                .containsExactly(reaction);
        assertThat(delivered(alice, edited, deleted)).containsExactlyInAnyOrder(edited, deleted);

        bob.close(); // offline: the message waits on the server, then in bob's store, for bob's next client
        alice.call("send", DaemonProcess.params(ALICE).put("message", "while you were out").set("recipient",
                list(BOB)));
        bob = daemon("bob");
        assertThat(bob.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("dataMessage").get("message").asText())
                .isEqualTo("while you were out");

        String group = alice.call("updateGroup", DaemonProcess.params(ALICE).put("name", "Pair")
                .set("member", list(BOB))).get("result").get("groupId").asText();
        assertThat(bob.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("dataMessage").get("groupInfo").get("type").asText())
                .isEqualTo("UPDATE");
        bob.call("send", DaemonProcess.params(BOB).put("message", "in the group").set("groupId", list(group)));
        JsonNode inGroup = alice.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("dataMessage");
        assertThat(inGroup.get("message").asText()).isEqualTo("in the group");
        assertThat(inGroup.get("groupInfo").get("groupId").asText()).isEqualTo(group);

        // bob's phone is replaced: a new data directory, a new identity key, the same number, which moves to
        // the new key only with the registration lock PIN bob set
        assertThat(bob.call("setPin", DaemonProcess.params(BOB).put("pin", "24680")).has("result")).isTrue();
        bob.close();
        bob = daemon("bob-new");
        bob.call("register", DaemonProcess.params(BOB));
        JsonNode locked = bob.call("verify", DaemonProcess.params(BOB).put("verificationCode", "123456"));
        assertThat(locked.path("error").path("message").asText()).as(locked.toString())
                .contains("registration lock PIN");
        assertThat(bob.call("verify", DaemonProcess.params(BOB).put("verificationCode", "123456")
                .put("pin", "24680")).has("result")).isTrue();
        JsonNode refused = alice.call("send", DaemonProcess.params(ALICE).put("message", "still you?")
                .set("recipient", list(BOB)));
        assertThat(refused.get("error").get("code").asInt()).as(refused.toString()).isEqualTo(-4);
        alice.call("trust", DaemonProcess.params(ALICE).put("recipient", BOB).put("trustAllKnownKeys", true));
        JsonNode again = alice.call("send", DaemonProcess.params(ALICE).put("message", "welcome back")
                .set("recipient", list(BOB)));
        assertThat(again.get("result").get("results").get(0).get("type").asText()).isEqualTo("SUCCESS");
        assertThat(bob.nextEnvelope(TwoDaemonsTest::notDelivery, QUIET).get("dataMessage").get("message").asText())
                .isEqualTo("welcome back");
    }

    private static boolean isDelivery(JsonNode envelope) {
        return envelope.path("receiptMessage").path("isDelivery").asBoolean();
    }

    private static boolean notDelivery(JsonNode envelope) {
        return !isDelivery(envelope);
    }

    /**
     * The timestamps of the DELIVERY receipts {@code daemon} gets until they cover {@code expected} (a daemon may
     * acknowledge several messages in one receipt), and of any that came before.
     */
    private static Set<Long> delivered(DaemonProcess daemon, long... expected) throws InterruptedException {
        Set<Long> got = new TreeSet<>();
        Set<Long> wanted = new TreeSet<>();
        for (long e : expected) {
            wanted.add(e);
        }
        while (!got.containsAll(wanted)) {
            JsonNode receipt = daemon.nextEnvelope(TwoDaemonsTest::isDelivery, QUIET);
            if (receipt == null) {
                break;
            }
            receipt.get("receiptMessage").get("timestamps").forEach(n -> got.add(n.asLong()));
        }
        return got;
    }

    @Test
    void theReceiverKilledMidBurstGetsEveryAcknowledgedMessageExactlyOnce() throws Exception {
        List<JsonNode> beforeCrash = new ArrayList<>();
        Thread watcher = Thread.ofPlatform().start(() -> {
            try {
                while (beforeCrash.size() < BURST / 4) {
                    JsonNode e = bob.nextEnvelope(QUIET);
                    if (e == null) {
                        return;
                    }
                    beforeCrash.add(e);
                }
                bob.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Set<String> acknowledged = burst();
        watcher.join();
        assertThat(beforeCrash).as("the receiver got part of the burst before it was killed").hasSize(BURST / 4);
        beforeCrash.addAll(bob.drain(Duration.ZERO)); // written to the client's pipe before the kill
        // A notification has no answer, so the daemon removes an envelope from its store right after writing it;
        // a SIGKILL between the two can bring that one envelope (the last written) again, never any other.
        String inFlightAtKill = beforeCrash.get(beforeCrash.size() - 1).get("dataMessage").get("message").asText();
        bob = daemon("bob");
        assertExactlyOnce(acknowledged, beforeCrash, bob, Set.of(inFlightAtKill));
    }

    @Test
    void theServerKilledMidBurstKeepsEveryMessageItAcknowledged() throws Exception {
        int port = server.uri().getPort();
        Thread killer = Thread.ofPlatform().start(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(1500);
                server.kill();
                server = ServerProcess.start(distributions.resolve("signalbox-server"), dir.resolve("server"), port);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Set<String> acknowledged = burst();
        killer.join();
        assertThat(acknowledged.size()).as("some sends failed while the server was down, many got through")
                .isBetween(1, BURST);
        assertExactlyOnce(acknowledged, List.of(), bob, Set.of());
    }

    /** Alice sends BURST numbered messages to bob; returns the bodies the server acknowledged. */
    private Set<String> burst() throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        Map<String, CompletableFuture<JsonNode>> answers = new HashMap<>();
        for (int i = 0; i < BURST; i++) {
            String body = "m-" + i;
            window.acquire();
            CompletableFuture<JsonNode> a = alice.request("send", DaemonProcess.params(ALICE).put("message", body)
                    .set("recipient", list(BOB)));
            a.whenComplete((r, e) -> window.release());
            answers.put(body, a);
        }
        Set<String> acknowledged = new TreeSet<>();
        for (Map.Entry<String, CompletableFuture<JsonNode>> e : answers.entrySet()) {
            JsonNode answer = e.getValue().get(120, TimeUnit.SECONDS);
            if (answer.has("result")
                    && "SUCCESS".equals(answer.get("result").get("results").get(0).get("type").asText())) {
                acknowledged.add(e.getKey());
            }
        }
        return acknowledged;
    }

    /**
     * Reads what {@code receiver} gets until every acknowledged message came (at most 90 s: a reconnect waits out
     * a backoff of up to 30 s), and a few seconds more for any duplicate; then compares.
     */
    private void assertExactlyOnce(Set<String> acknowledged, List<JsonNode> earlier, DaemonProcess receiver,
            Set<String> mayRepeat) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        List<JsonNode> envelopes = new ArrayList<>(earlier);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !seen.keySet().containsAll(acknowledged)) {
            for (JsonNode e = receiver.nextEnvelope(Duration.ofSeconds(1)); e != null;
                    e = receiver.nextEnvelope(Duration.ofMillis(10))) {
                envelopes.add(e);
            }
            count(envelopes, seen);
        }
        envelopes.addAll(receiver.drain(Duration.ofSeconds(3)));
        count(envelopes, seen);
        Set<String> missing = new TreeSet<>(acknowledged);
        missing.removeAll(seen.keySet());
        List<String> others = envelopes.stream().filter(e -> !e.has("dataMessage")).map(JsonNode::toString)
                .limit(5).toList();
        assertThat(missing).as("acknowledged but never delivered (of %d envelopes, without a message: %s);"
                + " bob's log ends:%n%s%nthe server's:%n%s", envelopes.size(), others, tail(dir.resolve("bob.stderr")),
                tail(dir.resolve("server/server.stderr"))).isEmpty();
        assertThat(seen.entrySet().stream().filter(x -> x.getValue() > (mayRepeat.contains(x.getKey()) ? 2 : 1))
                .map(Map.Entry::getKey).toList()).as("delivered more than once").isEmpty();
    }

    /** What a failure needs to tell late from lost. */
    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void count(List<JsonNode> envelopes, Map<String, Integer> seen) {
        seen.clear();
        for (JsonNode e : envelopes) {
            if (e.has("dataMessage")) {
                seen.merge(e.get("dataMessage").get("message").asText(), 1, Integer::sum);
            }
        }
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode list(String... values) {
        com.fasterxml.jackson.databind.node.ArrayNode a = new com.fasterxml.jackson.databind.ObjectMapper()
                .createArrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }
}
