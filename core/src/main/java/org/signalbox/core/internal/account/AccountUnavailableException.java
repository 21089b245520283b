package org.signalbox.core.internal.account;

/** An account exists on disk but cannot be opened (locked by another process, unreadable). */
public final class AccountUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String number;

    AccountUnavailableException(String number, String message, Throwable cause) {
        super(message, cause);
        this.number = number;
    }

    public String number() {
        return number;
    }
}
