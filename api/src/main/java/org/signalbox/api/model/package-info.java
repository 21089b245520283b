/**
 * Model types carried by notifications (envelopes and their parts), shaped as signal-cli writes them.
 */
@Export
@Version("1.1.0")
package org.signalbox.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
