package org.signalbox.core.messaging.internal.data;

/** A profile (the account's own, or a contact's as last fetched). */
public record ProfileRecord(long lastUpdateTimestamp, String givenName, String familyName, String about,
        String aboutEmoji, String avatarPath, String mobileCoinAddress) {

    public static final ProfileRecord EMPTY = new ProfileRecord(0, null, null, null, null, null, null);
}
