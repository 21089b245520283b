package org.signalbox.api.storage;

/** Names of the tables the core keeps; other bundles may use their own names with their own prefix. */
public final class Tables {

    /** The account's own state: identity key pair, registration ids, profile, configuration. */
    public static final String ACCOUNT = "account";
    /** One-time EC prekeys by id. */
    public static final String PRE_KEYS = "pre-keys";
    /** Signed EC prekeys by id. */
    public static final String SIGNED_PRE_KEYS = "signed-pre-keys";
    /** Kyber (post-quantum) prekeys by id. */
    public static final String KYBER_PRE_KEYS = "kyber-pre-keys";
    /** libsignal session records by {@code address.device}. */
    public static final String SESSIONS = "sessions";
    /** Remote identity keys and their trust by address. */
    public static final String IDENTITIES = "identities";
    /** Sender key records for groups. */
    public static final String SENDER_KEYS = "sender-keys";
    /** Contacts by address. */
    public static final String CONTACTS = "contacts";
    /** Groups by id. */
    public static final String GROUPS = "groups";

    private Tables() {
    }
}
