/** The {@code signalbox} command line: global options, runtime start-up, one-shot method commands. */
package org.signalbox.core.cli.internal;
