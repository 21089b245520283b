package org.signalbox.api.session;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What becomes of a text that carries stored messages (a {@code receive} notification, a manual {@code receive}
 * answer): the transport that wrote it says, once it knows, whether its client kept it. Kept messages leave the
 * store; returned ones wait there for the next client. The first call decides; later calls do nothing.
 */
@ProviderType
public interface Handover {

    /** The client has it: it acknowledged it, or its connection lasted past the settle window or ended cleanly. */
    void kept();

    /** It did not reach the client: not written, or the connection ended abnormally soon after. */
    void returned();
}
