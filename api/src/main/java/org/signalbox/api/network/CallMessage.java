package org.signalbox.api.network;

import java.util.List;
import java.util.Objects;

/**
 * Call signalling between two accounts, as signal-cli's {@code callMessage} carries it. Opaque blobs are the call
 * engine's own (the tunnel's), passed through untouched. Ids are 64 bits; signal-cli writes them unsigned.
 */
public sealed interface CallMessage extends Content {

    /** The call id. */
    long id();

    enum MediaType {
        AUDIO, VIDEO
    }

    /** signal-cli's hangup types; all but {@code NORMAL} coordinate the devices of one account. */
    enum HangupType {
        NORMAL, ACCEPTED, DECLINED, BUSY, NEED_PERMISSION
    }

    record Offer(long id, MediaType type, byte[] opaque) implements CallMessage {
        public Offer {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(opaque, "opaque");
        }
    }

    record Answer(long id, byte[] opaque) implements CallMessage {
        public Answer {
            Objects.requireNonNull(opaque, "opaque");
        }
    }

    /** ICE candidates of one call, each an opaque blob. */
    record IceUpdate(long id, List<byte[]> candidates) implements CallMessage {
        public IceUpdate {
            candidates = List.copyOf(candidates);
        }
    }

    record Busy(long id) implements CallMessage {
    }

    /** @param deviceId the device that hung up, or that accepted, declined or was busy */
    record Hangup(long id, HangupType type, int deviceId) implements CallMessage {
        public Hangup {
            Objects.requireNonNull(type, "type");
        }
    }
}
