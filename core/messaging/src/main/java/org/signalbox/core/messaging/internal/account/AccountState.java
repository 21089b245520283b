package org.signalbox.core.messaging.internal.account;

/**
 * The account's own registration state, stored as JSON under {@code account/state}.
 *
 * @param registered true once {@code verify} completed
 */
public record AccountState(String number, String uuid, int deviceId, int registrationId, int pniRegistrationId,
        boolean registered, long createdTimestamp, String deviceName) {

    AccountState withUuid(String value) {
        return new AccountState(number, value, deviceId, registrationId, pniRegistrationId, registered,
                createdTimestamp, deviceName);
    }

    AccountState withRegistered(boolean value) {
        return new AccountState(number, uuid, deviceId, registrationId, pniRegistrationId, value, createdTimestamp,
                deviceName);
    }
}
