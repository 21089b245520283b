package org.signalbox.server.service.internal;

/** A request the server refuses; {@link #name} is the wire {@code Error.name}. */
final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    static final String UNKNOWN_ERROR = "unknown_error";
    static final String INVALID_USER_ID = "invalid_user_id";
    static final String UNKNOWN_USER = "unknown_user";
    static final String UNAUTHORIZED = "unauthorized";
    static final String ANONYMOUS_OP_ON_AUTHENTICATED = "attempted_anonymous_op_on_authenticated_connection";
    static final String UNABLE_TO_OPEN_SUBSCRIBER = "unable_to_open_subscriber";
    /** Signalbox: a payload field is missing or malformed. */
    static final String INVALID_REQUEST = "invalid_request";
    /** Signalbox: ClaimNumber without the operator's registration token. */
    static final String REGISTRATION_TOKEN_REQUIRED = "registration_token_required";
    /** Signalbox: ClaimNumber for a number another identity holds, without its registration lock PIN. */
    static final String REGISTRATION_LOCKED = "registration_locked";
    /** Signalbox: too many requests of this kind from this source. */
    static final String RATE_LIMITED = "rate_limited";
    /** Signalbox: the recipient's or the server's queues are full; the message was not queued. */
    static final String QUOTA_EXCEEDED = "quota_exceeded";

    final String name;

    ProtocolException(String name, String description) {
        super(description);
        this.name = name;
    }

    ProtocolException(String name) {
        this(name, "");
    }
}
