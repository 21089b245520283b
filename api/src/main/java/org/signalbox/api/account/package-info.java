/**
 * Accounts known to this daemon.
 */
@Export
@Version("0.2.0")
package org.signalbox.api.account;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
