/** The {@code daemon} command: transports from flags, as ConfigAdmin factory configurations. */
package org.signalbox.core.internal.daemon;
