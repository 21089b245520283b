package org.signalbox.core.messaging.internal.methods;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.core.messaging.internal.messenger.Messengers;

/** {@code sendTypingIndicator}: siggy's name for {@code sendTyping}, which signal-cli lacks (reference §9). */
@Component(service = RpcMethod.class)
public final class SendTypingIndicator extends SendTyping {

    @Activate
    public SendTypingIndicator(@Reference Messengers messengers) {
        super("sendTypingIndicator", messengers);
    }
}
