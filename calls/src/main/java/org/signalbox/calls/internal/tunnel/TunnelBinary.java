package org.signalbox.calls.internal.tunnel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds {@code signal-call-tunnel} in the seed's order: {@code $SIGNAL_CALL_TUNNEL_BIN}, then the bundle's
 * configured path, then {@code <distribution>/bin/signal-call-tunnel}, then {@code PATH}. A path named explicitly
 * (the variable or the configuration) must be executable; it is never passed over for one found later.
 */
public final class TunnelBinary {

    public static final String VARIABLE = "SIGNAL_CALL_TUNNEL_BIN";
    static final String NAME = "signal-call-tunnel";

    private TunnelBinary() {
    }

    /** Why no tunnel can be started: the message says where it looked. */
    public static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    /**
     * @param configured the configuration's {@code tunnelPath}, empty for none
     * @param home the distribution's folder, or null when not known
     */
    public static Path find(Map<String, String> env, String configured, String home) throws NotFound {
        String variable = env.getOrDefault(VARIABLE, "");
        if (!variable.isBlank()) {
            return executable(Path.of(variable), VARIABLE);
        }
        if (!configured.isBlank()) {
            return executable(Path.of(configured), "tunnelPath of org.signalbox.calls");
        }
        if (home != null) {
            Path beside = Path.of(home, "bin", NAME);
            if (Files.isExecutable(beside)) {
                return beside;
            }
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, NAME))) {
                return Path.of(dir, NAME);
            }
        }
        throw new NotFound("No " + NAME + " found: set " + VARIABLE + ", tunnelPath in org.signalbox.calls, put it in "
                + (home != null ? Path.of(home, "bin") : "the distribution's bin/") + " or on PATH");
    }

    private static Path executable(Path p, String source) throws NotFound {
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new NotFound(source + " names " + p + ", which is not an executable file");
        }
        return p;
    }
}
