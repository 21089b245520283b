/**
 * Transport SPI: a transport frames bytes and owns connections; it hands each received JSON text to a {@link org.signalbox.api.transport.Connection} opened on the {@link org.signalbox.api.transport.JsonRpcEngine} and writes what the engine gives back.
 */
@Export
@Version("1.0.0")
package org.signalbox.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
