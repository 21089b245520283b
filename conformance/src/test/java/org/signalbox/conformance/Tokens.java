package org.signalbox.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Credentials the tests present, made with the JDK alone so the daemon's JWT library is not its own witness. */
final class Tokens {

    private Tokens() {
    }

    /** A compact HS256 JWT of {@code claims}. */
    static String hs256(String secret, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A JWT for {@code account} that expires in an hour. */
    static String jwtFor(String secret, String account) throws Exception {
        return hs256(secret, "{\"sub\":\"" + account + "\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}");
    }
}
