package org.signalbox.api.transport;

import java.util.Locale;

/**
 * signal-cli's receive modes, as {@code jsonRpc}, {@code daemon} and every transport configuration spell them:
 * {@code on-start}, {@code on-connection}, {@code manual}.
 */
public enum ReceiveMode {
    ON_START, ON_CONNECTION, MANUAL;

    /** Reads signal-cli's spelling, exactly. */
    public static ReceiveMode parse(String word) {
        for (ReceiveMode m : values()) {
            if (m.toString().equals(word)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a receive mode (on-start, on-connection, manual)");
    }

    /** Reads the {@code receiveMode} property of a transport configuration, in any case; the error names it. */
    public static ReceiveMode fromConfiguration(String value) {
        try {
            return parse(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receiveMode: " + e.getMessage());
        }
    }

    /** Whether connections get signal-cli's automatic {@code receive} subscription: every mode but manual. */
    public boolean automatic() {
        return this != MANUAL;
    }

    /** signal-cli's spelling, e.g. {@code on-start}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
