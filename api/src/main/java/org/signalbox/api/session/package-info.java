/**
 * A client connection as the core sees it, independent of framing: notifications and subscriptions.
 */
@Export
@Version("1.0.0")
package org.signalbox.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
