package org.signalbox.api.account;

/**
 * The accounts cannot be read now: the data directory is unusable, an account is in use by another process, or
 * its data is damaged. The message says which and is meant for the user (the engine answers it as {@code -3}, the
 * command line exits 3).
 */
public class AccountUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String number;

    /** @param number the account concerned, or null when it is the data directory as a whole */
    public AccountUnavailableException(String number, String message, Throwable cause) {
        super(message, cause);
        this.number = number;
    }

    /** The account concerned; empty when it is the data directory as a whole. */
    public java.util.Optional<String> number() {
        return java.util.Optional.ofNullable(number);
    }
}
