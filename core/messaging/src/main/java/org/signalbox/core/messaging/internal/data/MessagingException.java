package org.signalbox.core.messaging.internal.data;

/**
 * Why messaging cannot do what was asked, in its own terms: the methods turn it into a JSON-RPC error (and the
 * command line into an exit status); nothing below them knows JSON-RPC.
 */
public final class MessagingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure it is; each has one JSON-RPC error. */
    public enum Kind {
        /** The request is wrong: a bad number, a missing file, an unknown id. */
        INVALID,
        /** Storage, the network or the file system failed. */
        IO
    }

    private final Kind kind;

    public MessagingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static MessagingException invalid(String message) {
        return new MessagingException(Kind.INVALID, message);
    }

    public static MessagingException io(String message) {
        return new MessagingException(Kind.IO, message);
    }

    public Kind kind() {
        return kind;
    }
}
