package org.signalbox.transport.websocket.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Who may use the endpoints. The Host check (421) defeats DNS rebinding and the Origin check (403) web pages of
 * other sites, which a browser lets reach loopback; the token (401) is what makes a non-loopback bind safe.
 */
final class Access {

    /**
     * A request let in: {@code authenticated} when it presented the token or a JWT, whose {@code sub} is the
     * {@code account} the connection then acts for. Only the token, which serves every account, is an
     * administrator's credential; a JWT never reaches beyond its account.
     */
    record Grant(boolean authenticated, Optional<String> account) {
        static final Grant OPEN = new Grant(false, Optional.empty());
    }

    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final Set<String> hostNames = new HashSet<>(LOOPBACK_NAMES);
    private final boolean wildcard;
    private final byte[] token;
    private final DefaultJWTProcessor<SecurityContext> jwt;
    private final Set<String> origins;
    private final Optional<String> account;
    private volatile int port;

    /** @throws IllegalArgumentException for a configuration that must not run (open non-loopback bind, weak secret) */
    Access(HttpConfig config) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host '" + config.host() + "'");
        }
        this.wildcard = bind.isAnyLocalAddress();
        hostNames.add(config.host().toLowerCase(Locale.ROOT));
        this.token = config.token().isEmpty() ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.jwt = config.jwtSecret().isEmpty() ? null : processor(config.jwtSecret());
        this.origins = Set.of(config.allowedOrigins());
        this.account = config.account().isBlank() ? Optional.empty() : Optional.of(config.account().strip());
        if (!bind.isLoopbackAddress() && token == null && jwt == null) {
            throw new IllegalArgumentException("Binding to " + config.host()
                    + " (not loopback) needs a token or jwtSecret: anyone who reaches it could use every account");
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("jwtSecret must be at least 32 bytes for HS256");
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        // the algorithm is pinned: a token naming another one (none, RS256 with the secret as key) is refused
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("exp")));
        return p;
    }

    void bound(int actualPort) {
        this.port = actualPort;
    }

    boolean tokenRequired() {
        return token != null || jwt != null;
    }

    /** What {@link #check} decided: a status to refuse with (421, 403, 401), or 0 and the grant. */
    record Decision(int refusal, Grant grant) {
    }

    /**
     * Host, Origin and token checks of one request. {@code queryToken} lets WebSocket upgrades carry
     * {@code access_token} (browsers cannot set headers there).
     */
    Decision check(Request request, boolean queryToken) {
        int screened = screen(request);
        if (screened != 0) {
            return new Decision(screened, null);
        }
        if (!tokenRequired()) {
            return new Decision(0, Grant.OPEN);
        }
        String presented = bearer(request);
        if (presented == null && queryToken) {
            presented = Request.extractQueryParameters(request).getValue("access_token");
        }
        Optional<Grant> g = presented == null ? Optional.empty() : authenticate(presented);
        return g.map(grant -> new Decision(0, grant)).orElseGet(() -> new Decision(HttpStatus.UNAUTHORIZED_401,
                null));
    }

    /**
     * Loopback peers and token holders may use the administration methods, which reach every account; a JWT
     * holder may not, wherever it connects from.
     */
    static boolean trusted(Request request, Grant grant) {
        if (grant.account().isPresent()) {
            return false;
        }
        return grant.authenticated() || request.getConnectionMetaData().getRemoteSocketAddress()
                instanceof InetSocketAddress i && i.getAddress() != null && i.getAddress().isLoopbackAddress();
    }

    /** The Host and Origin checks alone: 421, 403 or 0. */
    int screen(Request request) {
        if (!hostAllowed(request.getHeaders().get(HttpHeader.HOST))) {
            return HttpStatus.MISDIRECTED_REQUEST_421;
        }
        if (!originAllowed(request.getHeaders().get(HttpHeader.ORIGIN))) {
            return HttpStatus.FORBIDDEN_403;
        }
        return 0;
    }

    private static String bearer(Request request) {
        HttpField f = request.getHeaders().getField(HttpHeader.AUTHORIZATION);
        if (f == null) {
            return null;
        }
        String v = f.getValue();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : null;
    }

    /**
     * The configured token, or a valid HS256 JWT whose {@code sub} becomes the account. A JWT without a subject,
     * or naming another account than the one this instance is configured for, is refused: it would otherwise
     * act for every account, or for one it was not issued for.
     */
    Optional<Grant> authenticate(String presented) {
        if (token != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Grant(true, Optional.empty()));
        }
        if (jwt != null) {
            try {
                JWTClaimsSet claims = jwt.process(presented, null);
                String subject = claims.getSubject();
                if (subject == null || subject.isBlank() || account.isPresent() && !account.get().equals(subject)) {
                    return Optional.empty();
                }
                return Optional.of(new Grant(true, Optional.of(subject)));
            } catch (Exception e) {
                // ParseException, BadJOSEException, JOSEException: all just "not a valid token"
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** signal-cli 0.14.5's rule: loopback names and the bind host, the bound port if a port is given. */
    boolean hostAllowed(String host) {
        if (wildcard) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon && (name.startsWith("[") || name.indexOf(':') == colon)) {
            try {
                if (Integer.parseInt(name.substring(colon + 1)) != port) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return hostNames.contains(name) || hostNames.contains(name.replace("[", "").replace("]", ""));
    }

    private boolean originAllowed(String origin) {
        if (origin == null || origins.contains(origin)) {
            return true;
        }
        try {
            URI u = URI.create(origin);
            return u.getHost() != null && (u.getPort() == port) && hostAllowed(u.getHost() + ":" + port)
                    && !wildcard;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
