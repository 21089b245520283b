package org.signalbox.api.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The global options of a {@code signalbox} invocation, as parsed before a subcommand runs. */
@ProviderType
public interface CliContext {

    /** {@code -a/--account}. */
    Optional<String> account();

    /** The data directory when {@code --config} is not given: {@code $XDG_DATA_HOME/signalbox}, else
     * {@code ~/.local/share/signalbox}, as signal-cli's. */
    static Path defaultConfigDirectory() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("signalbox");
    }

    /** {@code --config}: the data directory. */
    Path configDirectory();

    /** {@code -o json}. */
    boolean jsonOutput();

    /** Waits until the daemon's services for this invocation are ready (storage opened, engine registered). */
    void awaitReady() throws Exception;
}
