package org.signalbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A call between two daemon processes (the full distribution, each with its own data directory and fake
 * tunnels) through a messaging server process: it connects, then the caller's tunnel is killed with SIGKILL
 * mid-call. The caller's client hears ENDED (tunnel_exit), the callee's hears the hangup, messaging goes on, and
 * neither daemon keeps a child process or a call thread.
 */
class CallsBetweenDaemonsTest extends AliceAndBobProcesses {

    /** Generous: the bound says "it arrives", not how fast (benchmarks/calls says that). */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path FAKE = Path.of("tunnel/fake-call-tunnel").toAbsolutePath();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    DaemonProcess daemon(String name) throws Exception {
        Path tunnels = Files.createDirectories(dir.resolve(name + "-tunnels"));
        return DaemonProcess.start(distributions.resolve("signalbox-full"), dir.resolve(name), server.uri(),
                Map.of("SIGNAL_CALL_TUNNEL_BIN", FAKE.toString(), "FAKE_TUNNEL_LOG", tunnels.toString()));
    }

    private static JsonNode event(DaemonProcess d, String state) throws InterruptedException {
        JsonNode e = d.next("callEvent", p -> state.equals(p.path("result").path("state").asText()), WAIT);
        assertThat(e).as("a " + state + " callEvent").isNotNull();
        return e.get("result");
    }

    @Test
    void aCallConnectsAcrossProcessesAndATunnelKilledMidCallEndsItOnBothSides() throws Exception {
        assertThat(alice.call("subscribeCallEvents", MAPPER.createObjectNode()).has("result")).isTrue();
        assertThat(bob.call("subscribeCallEvents", MAPPER.createObjectNode()).has("result")).isTrue();
        JsonNode started = alice.call("startCall", DaemonProcess.params(ALICE).put("recipient", BOB));
        long id = started.path("result").path("callId").asLong();
        assertThat(started.path("result").path("state").asText()).as(started.toString()).isEqualTo("RINGING_OUTGOING");

        JsonNode ringing = event(bob, "RINGING_INCOMING");
        assertThat(ringing.get("callId").asLong()).isEqualTo(id);
        assertThat(ringing.get("number").asText()).isEqualTo(ALICE);
        JsonNode accepted = bob.call("acceptCall", DaemonProcess.params(BOB).put("callId", id));
        assertThat(accepted.path("result").path("state").asText()).as(accepted.toString()).isEqualTo("CONNECTING");
        event(bob, "CONNECTED");
        event(alice, "CONNECTED");
        assertThat(children(alice)).hasSize(1);
        assertThat(children(bob)).hasSize(1);
        assertThat(callThreads(alice)).as("the dump sees a call's threads").contains("tunnel-"
                + Long.toUnsignedString(id) + "-stdout");

        ProcessHandle tunnel = children(alice).get(0);
        long killed = System.nanoTime();
        tunnel.destroyForcibly();
        JsonNode ended = event(alice, "ENDED");
        System.out.println("ENDED reached the caller " + (System.nanoTime() - killed) / 1_000_000
                + " ms after the kill");
        assertThat(ended.get("reason").asText()).isEqualTo("tunnel_exit");
        assertThat(event(bob, "ENDED").get("reason").asText()).isEqualTo("remote_hangup");

        JsonNode sent = alice.call("send", DaemonProcess.params(ALICE).put("message", "still here")
                .set("recipient", MAPPER.createArrayNode().add(BOB)));
        assertThat(sent.path("result").path("results").get(0).path("type").asText()).isEqualTo("SUCCESS");
        assertThat(bob.next("receive", p -> p.path("envelope").has("dataMessage"), WAIT)).isNotNull();

        for (DaemonProcess d : List.of(alice, bob)) {
            assertThat(children(d)).as("tunnels left").isEmpty();
            assertThat(callThreads(d)).as("call and tunnel threads left").isEmpty();
            assertThat(d.call("listCalls", DaemonProcess.params(d == alice ? ALICE : BOB)).get("result")).isEmpty();
        }
    }

    private static List<ProcessHandle> children(DaemonProcess d) {
        return ProcessHandle.of(d.pid()).orElseThrow().descendants().filter(p -> p.info().command()
                .map(c -> !c.endsWith("/java")).orElse(true)).filter(ProcessHandle::isAlive).toList();
    }

    /** The daemon's threads named for calls and tunnels, virtual ones included (jcmd's JSON thread dump). */
    private List<String> callThreads(DaemonProcess d) throws Exception {
        Path dump = dir.resolve("threads-" + d.pid() + "-" + System.nanoTime() + ".json");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(d.pid()), "Thread.dump_to_file", "-format=json", dump.toString())
                .redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        assertThat(jcmd.waitFor()).as(out).isZero();
        List<String> names = new java.util.ArrayList<>();
        MAPPER.readTree(dump.toFile()).findValues("name").forEach(n -> {
            String name = n.asText();
            if (name.startsWith("tunnel-") || name.startsWith("call-") && !name.equals("call-timers")) {
                names.add(name);
            }
        });
        return names;
    }
}
