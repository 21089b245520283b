/**
 * Accounts known to this daemon.
 */
@Export
@Version("1.1.0")
package org.signalbox.api.account;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
