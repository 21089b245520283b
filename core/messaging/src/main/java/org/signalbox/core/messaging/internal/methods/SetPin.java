package org.signalbox.core.messaging.internal.methods;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code setPin} and {@code removePin}: the registration lock. A registered number moves to a new identity (a
 * reinstalled device) only when {@code verify} brings this PIN; without one it does not move at all.
 */
public final class SetPin {

    private SetPin() {
    }

    static Object apply(Messengers messengers, RpcCall call, String pin) throws RpcException, MessagingException {
        try {
            messengers.require(call.requireAccount()).setPin(pin);
            return null;
        } catch (IOException e) {
            throw MessagingException.io("Setting the registration lock failed: " + e.getMessage());
        }
    }

    /** {@code setPin {pin}}. */
    @Component(service = RpcMethod.class)
    public static final class Set extends BaseMethod {
        private final Messengers messengers;

        @Activate
        public Set(@Reference Messengers messengers) {
            super("setPin");
            this.messengers = messengers;
        }

        record Params(String pin) {
        }

        @Override
        Object serve(RpcCall call) throws RpcException, MessagingException {
            return apply(messengers, call, call.params(Params.class).pin());
        }
    }

    /** {@code removePin}. */
    @Component(service = RpcMethod.class)
    public static final class Remove extends BaseMethod {
        private final Messengers messengers;

        @Activate
        public Remove(@Reference Messengers messengers) {
            super("removePin");
            this.messengers = messengers;
        }

        @Override
        Object serve(RpcCall call) throws RpcException, MessagingException {
            return apply(messengers, call, "");
        }
    }
}
