package org.signalbox.api.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The global options of a {@code signalbox} invocation, as parsed before a subcommand runs. */
@ProviderType
public interface CliContext {

    /** {@code -a/--account}. */
    Optional<String> account();

    /** {@code --config}: the data directory. */
    Path configDirectory();

    /** {@code -o json}. */
    boolean jsonOutput();

    /** Waits until the daemon's services for this invocation are ready (storage opened, engine registered). */
    void awaitReady() throws Exception;
}
