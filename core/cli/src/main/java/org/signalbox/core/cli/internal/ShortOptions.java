package org.signalbox.core.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * signal-cli's short options of a one-shot command ({@code send -m TEXT -g GROUP}), which scripts written for
 * signal-cli pass; listed in {@code signal-cli-short-options.properties}.
 */
final class ShortOptions {

    private static final Properties TABLE = load();

    private ShortOptions() {
    }

    /** Long option (kebab-case, without dashes) to its short letter, for {@code command}; empty if none. */
    static Map<String, String> of(String command) {
        Map<String, String> byLong = new HashMap<>();
        String line = TABLE.getProperty(command, "").strip();
        if (line.isEmpty()) {
            return byLong;
        }
        for (String pair : line.split("\\s+")) {
            int colon = pair.indexOf(':');
            byLong.put(pair.substring(colon + 1), pair.substring(0, colon));
        }
        return byLong;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ShortOptions.class.getResourceAsStream("signal-cli-short-options.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
