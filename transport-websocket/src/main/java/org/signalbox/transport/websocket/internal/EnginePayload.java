package org.signalbox.transport.websocket.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of Engine.IO's polling transport: v4 joins text packets with the record separator (U+001E), v3 writes
 * each as {@code <length>:<packet>}, the length in UTF-16 units as JavaScript counts it.
 *
 * <p>v3 clients of the socket.io-client 1.x line (engine.io-parser 1.x) UTF-8-encode every polled packet into a
 * string of byte values before sending it, and decode what they poll the same way; 2.x clients do neither. So v3
 * bodies are written in ASCII only (every packet here is JSON after a short ASCII prefix, and JSON may escape any
 * character), which both read alike, and a read packet whose characters are all byte values forming valid
 * multi-byte UTF-8 is taken for a 1.x encoding and decoded. Text that a 2.x client sends as such Latin-1
 * sequences (mojibake like {@code Ã©} itself) would be misread; nothing else is.
 */
final class EnginePayload {

    static final char SEPARATOR = '\u001e';
    /** Longest length prefix read: more digits than any body this transport accepts. */
    private static final int MAX_DIGITS = 10;

    private EnginePayload() {
    }

    static String encode(int protocol, List<String> packets) {
        StringBuilder out = new StringBuilder();
        for (String p : packets) {
            if (protocol == 3) {
                String ascii = ascii(p);
                out.append(ascii.length()).append(':').append(ascii);
            } else {
                if (!out.isEmpty()) {
                    out.append(SEPARATOR);
                }
                out.append(p);
            }
        }
        return out.toString();
    }

    /** A v3 binary payload of text packets. */
    static byte[] encodeBinary(List<String> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : packets) {
            byte[] bytes = ascii(p).getBytes(StandardCharsets.US_ASCII);
            out.write(0);
            for (char digit : Integer.toString(bytes.length).toCharArray()) {
                out.write(digit - '0');
            }
            out.write(255);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException saying what is malformed */
    static List<String> decode(int protocol, String body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty payload");
        }
        List<String> packets = new ArrayList<>();
        if (protocol != 3) {
            int from = 0;
            for (int sep = body.indexOf(SEPARATOR); sep >= 0; sep = body.indexOf(SEPARATOR, from)) {
                packets.add(packet(body.substring(from, sep)));
                from = sep + 1;
            }
            packets.add(packet(body.substring(from)));
            return packets;
        }
        int at = 0;
        while (at < body.length()) {
            int colon = body.indexOf(':', at);
            if (colon <= at || colon - at > MAX_DIGITS) {
                throw new IllegalArgumentException("expected <length>: at " + at);
            }
            long length;
            try {
                length = Long.parseLong(body, at, colon, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected <length>: at " + at);
            }
            if (length < 1) {
                throw new IllegalArgumentException("empty packet");
            }
            if (length > body.length() - colon - 1) {
                throw new IllegalArgumentException("length " + length + " at " + at + " runs past the payload");
            }
            int end = colon + 1 + (int) length;
            packets.add(packet(fromByteString(body.substring(colon + 1, end))));
            at = end;
        }
        return packets;
    }

    private static String packet(String p) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty packet");
        }
        if (p.charAt(0) == 'b') {
            throw new IllegalArgumentException("binary packets are not carried");
        }
        return p;
    }

    /** Every character beyond ASCII as a JSON {@code \\uXXXX} escape. */
    static String ascii(String packet) {
        StringBuilder out = null;
        for (int i = 0; i < packet.length(); i++) {
            char c = packet.charAt(i);
            if (c < 0x80) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(packet.length() + 16).append(packet, 0, i);
            }
            out.append(String.format("\\u%04x", (int) c));
        }
        return out == null ? packet : out.toString();
    }

    /** A 1.x client's byte string decoded, or the packet as it is (see the class comment). */
    static String fromByteString(String packet) {
        boolean high = false;
        for (int i = 0; i < packet.length(); i++) {
            char c = packet.charAt(i);
            if (c > 0xff) {
                return packet;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return packet;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(packet.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return packet;
        }
    }
}
