package org.signalbox.api.network;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN REST API credentials (draft-uberti-behave-turn-rest-00, coturn's {@code use-auth-secret}), for whoever
 * hands out relays: {@code username = "<unix expiry>:<id>"}, {@code password = base64(HMAC-SHA1(secret,
 * username))}. The TURN server checks them with the same shared secret, so none is ever stored.
 */
public final class TurnRest {

    private TurnRest() {
    }

    /** Credentials for {@code id} valid for {@code ttlSeconds} from {@code nowSeconds}. */
    public static IceServer issue(String secret, String id, long nowSeconds, long ttlSeconds, List<String> urls) {
        if (id.contains(":")) {
            throw new IllegalArgumentException("a TURN id must not contain ':'");
        }
        String username = (nowSeconds + ttlSeconds) + ":" + id;
        return new IceServer(urls, username, password(secret, username));
    }

    /** The password a TURN server with {@code secret} expects for {@code username}. */
    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
