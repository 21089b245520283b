/**
 * What a feature bundle needs of the messaging network: typed content it sends end to end to a recipient
 * ({@link Network}), and hears of when it arrives ({@link ContentListener}), without protobuf, Jackson or
 * libsignal types; plus the relays (ICE servers) the account's server hands out. Calls are the first kind of
 * content (docs/protocol/feature-content.md).
 */
@Export
@Version("1.0.0")
package org.signalbox.api.network;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
