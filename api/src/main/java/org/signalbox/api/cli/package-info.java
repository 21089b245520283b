/**
 * Command-line SPI: a bundle adds a subcommand to {@code signalbox} by registering a {@link org.signalbox.api.cli.CliCommand}.
 */
@Export
@Version("1.0.0")
package org.signalbox.api.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
