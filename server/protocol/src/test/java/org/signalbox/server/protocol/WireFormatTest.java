package org.signalbox.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/** The byte examples of the seed's wire format (reference/messaging-server.md §1) hold for the generated code. */
class WireFormatTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void challengeIsSequenceOneThenFieldFour() {
        byte[] nonce = new byte[32];
        nonce[31] = 7;
        byte[] wire = Message.newBuilder().setSequence(1)
                .setAuthChallenge(AuthChallenge.newBuilder().setNonce(ByteString.copyFrom(nonce))).build()
                .toByteArray();
        assertThat(wire).hasSize(38);
        assertThat(HEX.formatHex(wire)).startsWith("080122220a20").endsWith("07");
    }

    @Test
    void emptyAckIsStillEncoded() {
        byte[] wire = Message.newBuilder().setSequence(7).setAck(Ack.getDefaultInstance()).build().toByteArray();
        assertThat(HEX.formatHex(wire)).isEqualTo("08071200");
    }

    @Test
    void seedPayloadsKeepTheirTags() throws Exception {
        assertThat(tag(Message.newBuilder().setError(Error.getDefaultInstance()))).isEqualTo(0x1a);
        assertThat(tag(Message.newBuilder().setAuthResponse(AuthResponse.getDefaultInstance()))).isEqualTo(0x2a);
        assertThat(tag(Message.newBuilder().setRegister(Register.getDefaultInstance()))).isEqualTo(0x32);
        assertThat(tag(Message.newBuilder().setUnregister(Unregister.getDefaultInstance()))).isEqualTo(0x3a);
        assertThat(tag(Message.newBuilder().setRequestPreKeys(RequestPreKeys.getDefaultInstance()))).isEqualTo(0x42);
        assertThat(tag(Message.newBuilder().setPreKey(PreKey.getDefaultInstance()))).isEqualTo(0x4a);
        assertThat(tag(Message.newBuilder().setPreKeysLow(PreKeysLow.getDefaultInstance()))).isEqualTo(0x52);
        assertThat(tag(Message.newBuilder().setOutboundMessage(OutboundMessage.getDefaultInstance()))).isEqualTo(0x5a);
        assertThat(tag(Message.newBuilder().setInboundMessage(ByteString.EMPTY))).isEqualTo(0x62);
    }

    @Test
    void unknownPayloadParsesAsNoPayload() throws Exception {
        // field 99 (length-delimited, empty): what a newer peer's extension looks like to this code
        Message m = Message.parseFrom(HEX.parseHex("0803" + "9a0600"));
        assertThat(m.getSequence()).isEqualTo(3);
        assertThat(m.getPayloadCase()).isEqualTo(Message.PayloadCase.PAYLOAD_NOT_SET);
    }

    @Test
    void knownDeviceIdsAcceptPackedAndUnpacked() throws Exception {
        RequestPreKeys packed = RequestPreKeys.parseFrom(HEX.parseHex("12020b0c"));
        RequestPreKeys unpacked = RequestPreKeys.parseFrom(HEX.parseHex("100b100c"));
        assertThat(packed.getKnownDeviceIDsList()).containsExactly(11, 12);
        assertThat(unpacked.getKnownDeviceIDsList()).containsExactly(11, 12);
    }

    private static int tag(Message.Builder b) {
        return b.build().toByteArray()[0] & 0xff;
    }
}
