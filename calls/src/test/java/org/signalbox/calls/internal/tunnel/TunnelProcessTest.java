package org.signalbox.calls.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tunnel process against the conformance suite's fake tunnel, a real child process playing each fault of
 * seed 004's list. After every test the process is reaped and its three threads are gone, whatever it did.
 */
class TunnelProcessTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FAKE = Path.of(System.getProperty("signalbox.fakeTunnel"));
    private static final Duration GRACE = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final BlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private TunnelProcess tunnel;

    @AfterEach
    void nothingLeft() {
        if (tunnel != null) {
            tunnel.end(GRACE);
            assertThat(tunnel.alive()).isFalse();
            assertThat(ProcessHandle.of(tunnel.pid())).isEmpty(); // reaped, not a zombie
        }
        assertThat(ProcessHandle.current().children().count()).isZero();
        if (tunnel != null) {
            assertThat(tunnel.threadsEnded()).as("the tunnel's writer, reader and stderr threads ended").isTrue();
        }
    }

    private void start(String script) throws Exception {
        Path scripts = dir.resolve("scripts.json");
        Files.writeString(scripts, "{\"default\":" + script + "}");
        tunnel = TunnelProcess.start(FAKE, config(), "tunnel-test", new Tunnel.Listener() {
            @Override
            public void event(ObjectNode event) {
                events.add(event);
            }

            @Override
            public void exited(int status) {
                exits.add(status);
            }
        }, 4096, GRACE, Map.of("FAKE_TUNNEL_SCRIPTS", scripts.toString(), "FAKE_TUNNEL_LOG",
                dir.toString()));
    }

    private static ObjectNode config() {
        return MAPPER.createObjectNode().put("call_id", new BigInteger("18446744073709551615"))
                .put("is_outgoing", true).put("local_device_id", 1);
    }

    private ObjectNode next() throws InterruptedException {
        ObjectNode e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }

    private List<String> received() throws Exception {
        return Files.readAllLines(dir.resolve("1.in"));
    }

    @Test
    void theConfigLineGoesFirstThenCommandsAndEventsComeBackInOrder() throws Exception {
        start("{\"on\":{\"config\":[{\"emit\":{\"type\":\"ready\",\"inputDeviceName\":\"i\","
                + "\"outputDeviceName\":\"o\"}}],"
                + "\"proceed\":[{\"emit\":{\"type\":\"sendOffer\",\"callId\":\"$callId\",\"opaque\":\"YQ==\","
                + "\"callMediaType\":\"audio\"}}]}}");
        assertThat(next().toString())
                .isEqualTo("{\"type\":\"ready\",\"inputDeviceName\":\"i\",\"outputDeviceName\":\"o\"}");
        assertThat(tunnel.send(MAPPER.createObjectNode().put("type", "proceed"))).isTrue();
        assertThat(next().get("callId").asText()).isEqualTo("18446744073709551615");
        tunnel.end(GRACE);
        assertThat(received()).containsExactly(
                "{\"call_id\":18446744073709551615,\"is_outgoing\":true,\"local_device_id\":1}",
                "{\"type\":\"proceed\"}");
        await().until(() -> exits.equals(List.of(0))); // stdin closed: it exited by itself
    }

    @Test
    void aTunnelThatExitsAtOnceIsReported() throws Exception {
        start("{\"on\":{\"config\":[{\"exit\":3}]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> exits.equals(List.of(3)));
        assertThat(tunnel.send(MAPPER.createObjectNode().put("type", "hangup"))).isTrue(); // queued, goes nowhere
    }

    @Test
    void garbageUnknownTypesAndLinesWithoutTypeAreSkippedNotFatal() throws Exception {
        start("{\"on\":{\"config\":[{\"raw\":\"not json\"},{\"raw\":\"{\\\"half\\\":\"},{\"raw\":\"[1,2]\"},"
                + "{\"emit\":{\"noType\":1}},{\"emit\":{\"type\":7}},{\"long_line\":100000},"
                + "{\"emit\":{\"type\":\"madeUp\"}},{\"emit\":{\"type\":\"ready\"}}]}}");
        assertThat(next().get("type").asText()).isEqualTo("madeUp"); // unknown types are the call's to ignore
        assertThat(next().get("type").asText()).isEqualTo("ready");
        assertThat(events).isEmpty();
    }

    @Test
    void aCrashMidCallIsAnExit() throws Exception {
        start("{\"on\":{\"config\":[{\"emit\":{\"type\":\"ready\"}}],\"proceed\":[{\"crash\":true}]}}");
        next();
        tunnel.send(MAPPER.createObjectNode().put("type", "proceed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> exits.equals(List.of(137)));
    }

    @Test
    void aTunnelThatIgnoresItsClosedStdinAndSigtermIsKilled() throws Exception {
        start("{\"ignore_eof\":true,\"ignore_term\":true,\"on\":{\"config\":[{\"emit\":{\"type\":\"ready\"}}]}}");
        next();
        long began = System.nanoTime();
        tunnel.end(GRACE);
        assertThat(tunnel.alive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aStderrFloodIsDrainedWhileEventsStillArrive() throws Exception {
        start("{\"on\":{\"config\":[{\"stderr\":\"noise noise noise noise noise noise noise noise\",\"repeat\":200000},"
                + "{\"emit\":{\"type\":\"ready\"}}]}}");
        assertThat(next().get("type").asText()).isEqualTo("ready"); // a stalled stderr pipe would block it first
    }

    @Test
    void aTunnelThatNeverSaysReadyStillEnds() throws Exception {
        start("{\"on\":{}}");
        assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        tunnel.end(GRACE);
        assertThat(exits).containsExactly(0);
    }
}
