package org.signalbox.api.rpc;

/** How a method relates to accounts; decides how the {@code account} param is routed (signal-cli's classes). */
public enum MethodScope {
    /** Runs on one account; in multi-account mode the {@code account} param selects it and is removed. */
    ACCOUNT,
    /** Runs on one account if {@code account} is given, else across all accounts ({@code version}, subscriptions). */
    ANY,
    /** Only in multi-account mode; {@code account} passes through untouched ({@code listAccounts}). */
    MULTI_ACCOUNT,
    /** Only in multi-account mode; names an account that need not exist yet ({@code register}, {@code verify}). */
    REGISTRATION
}
