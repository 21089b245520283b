package org.signalbox.core.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions the build wrote into this bundle: Signalbox's own and the signal-cli contract it implements. */
public final class Version {

    private static final Properties BUILD = load();

    private Version() {
    }

    public static String signalbox() {
        return BUILD.getProperty("version");
    }

    /** The signal-cli release whose contract this build implements (docs/protocol/version.md). */
    public static String signalCli() {
        return BUILD.getProperty("signalCli");
    }

    private static Properties load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
