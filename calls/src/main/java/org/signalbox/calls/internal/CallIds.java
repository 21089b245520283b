package org.signalbox.calls.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;

import org.signalbox.api.rpc.RpcException;

/**
 * Call ids: 64 bits, signed toward clients (results, events), unsigned toward the tunnel and on the network, as
 * signal-cli has them. A client may name a call by either form, as any integer-valued JSON number.
 */
public final class CallIds {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CallIds() {
    }

    static long random() {
        return RANDOM.nextLong();
    }

    /** The unsigned form, as a JSON number the tunnel reads exactly. */
    public static BigInteger unsigned(long id) {
        return new BigInteger(Long.toUnsignedString(id));
    }

    /**
     * The call a param names: an integer-valued number in [-2^63, 2^64) (the schema has made it a number; a
     * {@link BigDecimal} holds it exactly); anything else is -32602 naming the param.
     */
    public static long parse(String param, BigDecimal value) throws RpcException {
        if (value.stripTrailingZeros().scale() > 0) {
            throw RpcException.invalidParams(param, "value", "Invalid params: " + param + " must be an integer");
        }
        BigInteger exact = value.toBigIntegerExact();
        if (exact.compareTo(MIN) < 0 || exact.compareTo(LIMIT) >= 0) {
            throw RpcException.invalidParams(param, "range", "Invalid params: " + param
                    + " is not a 64-bit call id (signed or unsigned)");
        }
        return exact.longValue();
    }
}
