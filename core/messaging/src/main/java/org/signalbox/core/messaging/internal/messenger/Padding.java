package org.signalbox.core.messaging.internal.messenger;

import java.util.Arrays;

/**
 * Pads plaintext to a multiple of 160 bytes before encryption (a 0x80 marker, then zeros), so ciphertext length
 * says little about message length; the receiver strips it. The scheme is Signal's.
 */
final class Padding {

    static final int BLOCK = 160;

    private Padding() {
    }

    static byte[] pad(byte[] plain) {
        int length = (plain.length + 1 + BLOCK - 1) / BLOCK * BLOCK;
        byte[] out = Arrays.copyOf(plain, length);
        out[plain.length] = (byte) 0x80;
        return out;
    }

    /** @throws IllegalArgumentException if the marker is missing */
    static byte[] strip(byte[] padded) {
        for (int i = padded.length - 1; i >= 0; i--) {
            if (padded[i] == (byte) 0x80) {
                return Arrays.copyOf(padded, i);
            }
            if (padded[i] != 0) {
                break;
            }
        }
        throw new IllegalArgumentException("padding marker missing");
    }
}
