package org.signalbox.core.messaging.internal.messenger;

import java.util.ArrayList;
import java.util.List;

import org.signalbox.api.network.CallMessage;
import org.signalbox.api.network.Content;
import org.signalbox.core.messaging.internal.content.Wire;

import com.google.protobuf.ByteString;

/** The API's typed call messages and their wire form (content.proto's {@code CallMessage}). */
final class CallMessages {

    private CallMessages() {
    }

    /** The API's call messages in a wire call message, in signal-cli's member order. */
    static List<Content> typed(Wire.Content content) {
        List<Content> out = new ArrayList<>();
        if (!content.hasCallMessage()) {
            return out;
        }
        Wire.CallMessage c = content.getCallMessage();
        if (c.hasOffer()) {
            out.add(new CallMessage.Offer(c.getOffer().getId(), c.getOffer().getType() == Wire.CallMessage.Offer.Type
                    .VIDEO_CALL ? CallMessage.MediaType.VIDEO : CallMessage.MediaType.AUDIO,
                    c.getOffer().getOpaque().toByteArray()));
        }
        if (c.hasAnswer()) {
            out.add(new CallMessage.Answer(c.getAnswer().getId(), c.getAnswer().getOpaque().toByteArray()));
        }
        if (c.getIceUpdatesCount() > 0) {
            // one call per message in practice; a message naming several is split per call, in order
            long id = c.getIceUpdates(0).getId();
            List<byte[]> candidates = new ArrayList<>();
            for (Wire.CallMessage.IceUpdate u : c.getIceUpdatesList()) {
                if (u.getId() != id) {
                    out.add(new CallMessage.IceUpdate(id, candidates));
                    id = u.getId();
                    candidates = new ArrayList<>();
                }
                candidates.add(u.getOpaque().toByteArray());
            }
            out.add(new CallMessage.IceUpdate(id, candidates));
        }
        if (c.hasBusy()) {
            out.add(new CallMessage.Busy(c.getBusy().getId()));
        }
        if (c.hasHangup()) {
            Wire.CallMessage.Hangup h = c.getHangup();
            out.add(new CallMessage.Hangup(h.getId(), switch (h.getType()) {
                case ACCEPTED -> CallMessage.HangupType.ACCEPTED;
                case DECLINED -> CallMessage.HangupType.DECLINED;
                case BUSY -> CallMessage.HangupType.BUSY;
                case NEED_PERMISSION -> CallMessage.HangupType.NEED_PERMISSION;
                default -> CallMessage.HangupType.NORMAL;
            }, h.getDeviceId()));
        }
        return out;
    }

    /** The wire form of a typed call message. */
    static Wire.CallMessage wire(CallMessage m) {
        Wire.CallMessage.Builder b = Wire.CallMessage.newBuilder();
        switch (m) {
            case CallMessage.Offer o -> b.setOffer(Wire.CallMessage.Offer.newBuilder().setId(o.id())
                    .setType(o.type() == CallMessage.MediaType.VIDEO ? Wire.CallMessage.Offer.Type.VIDEO_CALL
                            : Wire.CallMessage.Offer.Type.AUDIO_CALL)
                    .setOpaque(ByteString.copyFrom(o.opaque())));
            case CallMessage.Answer a -> b.setAnswer(Wire.CallMessage.Answer.newBuilder().setId(a.id())
                    .setOpaque(ByteString.copyFrom(a.opaque())));
            case CallMessage.IceUpdate u -> u.candidates().forEach(c -> b.addIceUpdates(Wire.CallMessage.IceUpdate
                    .newBuilder().setId(u.id()).setOpaque(ByteString.copyFrom(c))));
            case CallMessage.Busy busy -> b.setBusy(Wire.CallMessage.Busy.newBuilder().setId(busy.id()));
            case CallMessage.Hangup h -> b.setHangup(Wire.CallMessage.Hangup.newBuilder().setId(h.id())
                    .setType(Wire.CallMessage.Hangup.Type.valueOf(h.type().name())).setDeviceId(h.deviceId()));
        }
        return b.build();
    }
}
