package org.signalbox.server.service.internal;

import java.util.HexFormat;

import org.signalbox.server.protocol.Address;

import com.google.protobuf.ByteString;

/** Checks and names seed userIDs: 33 bytes, a 0x05 type byte and a Curve25519 key. */
final class UserIds {

    static final int LENGTH = 33;
    static final byte CURVE25519 = 0x05;

    private UserIds() {
    }

    static void check(ByteString userId) throws ProtocolException {
        if (userId.size() != LENGTH || userId.byteAt(0) != CURVE25519) {
            throw new ProtocolException(ProtocolException.INVALID_USER_ID,
                    "userID must be 33 bytes: 0x05 and a Curve25519 public key (got " + userId.size() + " bytes)");
        }
    }

    static void check(Address address) throws ProtocolException {
        check(address.getUserID());
        if (address.getDeviceID() == 0) {
            throw new ProtocolException(ProtocolException.INVALID_REQUEST, "deviceID must not be 0");
        }
    }

    /** The storage name of a userID. */
    static String hex(ByteString userId) {
        return HexFormat.of().formatHex(userId.toByteArray());
    }

    /** The storage name of a device's queue. */
    static String queue(Address a) {
        return hex(a.getUserID()) + "/" + Integer.toUnsignedString(a.getDeviceID());
    }
}
