/**
 * Storage SPI: a backend keeps everything an account has, as named record tables and a message queue, transactionally.
 */
@Export
@Version("1.1.0")
package org.signalbox.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
