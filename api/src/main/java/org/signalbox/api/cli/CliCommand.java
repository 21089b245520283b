package org.signalbox.api.cli;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subcommand of {@code signalbox}. {@link #command()} returns a picocli {@code @Command}-annotated object (a
 * new one per call); if it implements {@code java.util.concurrent.Callable<Integer>} it is run and its result is
 * the exit status. It may declare a {@code @ParentCommand} field of type {@link CliContext} to read the global
 * options.
 */
@ConsumerType
public interface CliCommand {

    /** The subcommand name, e.g. {@code jsonRpc}. */
    String name();

    Object command();
}
