package org.signalbox.core.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The plain text of envelopes and results, line for line as signal-cli's handlers print them. */
class PlainTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HEADER = """
            Envelope from: \u201cAlice\u201d +15550001111 (device: 1) to +15550002222
            Timestamp: 1700000000000 (2023-11-14T22:13:20.000Z)
            Server timestamps: received: 1700000000010 (2023-11-14T22:13:20.010Z) delivered: 1700000000020 (2023-11-14T22:13:20.020Z)
            """;

    @TempDir
    Path config;

    private String receive(String envelopeFields) throws Exception {
        JsonNode result = MAPPER.readTree("[{\"envelope\":{\"source\":\"+15550001111\",\"sourceNumber\":\"+15550001111\","
                + "\"sourceUuid\":\"5dca0d52-6707-420d-8476-1833516388a7\",\"sourceName\":\"Alice\",\"sourceDevice\":1,"
                + "\"timestamp\":1700000000000,\"serverReceivedTimestamp\":1700000000010,"
                + "\"serverDeliveredTimestamp\":1700000000020," + envelopeFields + "},\"account\":\"+15550002222\"}]");
        return PlainText.of("receive", MAPPER.createObjectNode(), result, config,
                id -> id.equals("Z3JvdXA=") ? Optional.of("Team") : Optional.empty()).orElseThrow();
    }

    @Test
    void aGroupMessageWithReactionQuoteMentionAndAStoredAttachment() throws Exception {
        Files.createDirectories(config.resolve("attachments"));
        Files.writeString(config.resolve("attachments/abc.txt"), "hi");
        String text = receive("\"dataMessage\":{\"timestamp\":1700000000000,\"message\":\"look\","
                + "\"expiresInSeconds\":60,\"viewOnce\":false,\"isExpirationUpdate\":false,"
                + "\"groupInfo\":{\"groupId\":\"Z3JvdXA=\",\"groupName\":\"old name\",\"revision\":3,\"type\":\"DELIVER\"},"
                + "\"quote\":{\"id\":1699999999999,\"author\":\"+15550002222\",\"text\":\"before\",\"attachments\":[]},"
                + "\"mentions\":[{\"name\":\"+15550002222\",\"number\":\"+15550002222\",\"uuid\":\"u\",\"start\":0,\"length\":1}],"
                + "\"attachments\":[{\"contentType\":\"text/plain\",\"filename\":\"a.txt\",\"id\":\"abc.txt\",\"size\":2,"
                + "\"width\":null,\"height\":null,\"caption\":null,\"uploadTimestamp\":1700000000000}]}");
        assertThat(text).isEqualTo(HEADER + """
                Message timestamp: 1700000000000 (2023-11-14T22:13:20.000Z)
                Body: look
                Group info:
                  Id: Z3JvdXA=
                  Name: Team
                  Revision: 3
                  Type: DELIVER
                Expires in: 60 seconds
                Quote:
                  Id: 1699999999999
                  Author: +15550002222
                  Text: before
                Mentions:
                - +15550002222: 0 (length: 1)
                Attachments:
                - Attachment:
                  Content-Type: text/plain
                  Type: Pointer
                  Id: abc.txt
                  Upload timestamp: 1700000000000 (2023-11-14T22:13:20.000Z)
                  Filename: a.txt
                  Size: 2 bytes
                  Stored plaintext in: %s

                """.formatted(config.resolve("attachments/abc.txt")));
    }

    @Test
    void editsCallsAndTypingInAGroupTheAccountDoesNotKnow() throws Exception {
        assertThat(receive("\"editMessage\":{\"targetSentTimestamp\":1699999999999,\"dataMessage\":{"
                + "\"timestamp\":1700000000000,\"message\":\"fixed\",\"expiresInSeconds\":0,\"viewOnce\":false}}"))
                .isEqualTo(HEADER + """
                        Edit: Target message timestamp: 1699999999999 (2023-11-14T22:13:19.999Z)
                          Message timestamp: 1700000000000 (2023-11-14T22:13:20.000Z)
                          Body: fixed

                        """);
        assertThat(receive("\"callMessage\":{\"offerMessage\":{\"id\":18446744073709551615,\"type\":\"AUDIO_CALL\","
                + "\"opaque\":\"b2ZmZXI=\"},\"hangupMessage\":{\"id\":7,\"type\":\"NORMAL\",\"deviceId\":1}}"))
                .isEqualTo(HEADER + """
                        Received a call message
                          Hangup message: 7
                          - type: NORMAL
                          - device id: 1
                          Offer message: 18446744073709551615, opaque length: 5

                        """);
        assertThat(receive("\"typingMessage\":{\"action\":\"STARTED\",\"timestamp\":1700000000000,"
                + "\"groupId\":\"b3RoZXI=\"}")).isEqualTo(HEADER + """
                        Received a typing message
                          Action: STARTED
                          Timestamp: 1700000000000 (2023-11-14T22:13:20.000Z)
                          Group Info:
                            Id: b3RoZXI=
                            Name: <Unknown group>

                        """);
    }

    @Test
    void pollsAsSignalCliPrintsThem() throws Exception {
        assertThat(receive("\"dataMessage\":{\"timestamp\":1700000000000,\"message\":null,\"expiresInSeconds\":0,"
                + "\"viewOnce\":false,\"pollCreate\":{\"question\":\"Lunch?\",\"allowMultiple\":false,"
                + "\"options\":[\"pizza\",\"soup\"]}}")).isEqualTo(HEADER + """
                        Message timestamp: 1700000000000 (2023-11-14T22:13:20.000Z)
                        Poll Create: "Lunch?" (single)
                        - pizza
                        - soup

                        """);
        assertThat(receive("\"dataMessage\":{\"timestamp\":1700000000000,\"message\":null,\"expiresInSeconds\":0,"
                + "\"viewOnce\":false,\"pollVote\":{\"author\":\"+15550002222\",\"targetSentTimestamp\":1699999999999,"
                + "\"optionIndexes\":[0,1],\"voteCount\":2}}")).endsWith("""
                        Poll Vote: "+15550002222" (1699999999999 (2023-11-14T22:13:19.999Z)) selected 0,1 (vote #2)

                        """);
    }

    @Test
    void sendResultsNameWhoFailedThenTheTimestamp() throws Exception {
        JsonNode result = MAPPER.readTree("{\"timestamp\":1700000000000,\"results\":["
                + "{\"recipientAddress\":{\"uuid\":null,\"number\":\"+15550009999\"},\"type\":\"UNREGISTERED_FAILURE\"},"
                + "{\"recipientAddress\":{\"uuid\":\"u\",\"number\":null},\"type\":\"IDENTITY_FAILURE\",\"groupId\":\"g\"},"
                + "{\"recipientAddress\":{\"uuid\":\"v\",\"number\":\"+15550002222\"},\"type\":\"SUCCESS\"}]}");
        assertThat(PlainText.of("send", MAPPER.createObjectNode(), result, config, id -> Optional.empty()))
                .contains("""
                        Failed to send (some) messages:
                        +15550009999: Unregistered user "+15550009999"
                        Untrusted Identity for "u"
                        1700000000000
                        """);
        assertThat(PlainText.of("listAccounts", MAPPER.createObjectNode(), result, config, id -> Optional.empty()))
                .as("commands signal-cli prints nothing special for keep JSON").isEmpty();
    }
}
