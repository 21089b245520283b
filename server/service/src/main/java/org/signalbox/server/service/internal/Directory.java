package org.signalbox.server.service.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;
import org.signalbox.server.protocol.DirectoryEntry;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Numbers and account UUIDs to userIDs (docs/protocol/server-directory.md). A number keeps its UUID when it is
 * claimed again with a new identity key; a userID without a number has a UUID derived from it.
 */
final class Directory {

    private static final String BY_NUMBER = "directory/number";
    private static final String BY_UUID = "directory/uuid";
    private static final String BY_USER = "directory/user";

    private final AccountStore store;

    Directory(AccountStore store) {
        this.store = store;
    }

    /** Binds {@code number} to {@code userId}; returns the entry with the number's (kept or new) UUID. */
    DirectoryEntry claim(String number, ByteString userId) throws StorageException {
        return store.transaction(() -> {
            Optional<DirectoryEntry> previous = byNumber(number);
            String uuid = previous.map(DirectoryEntry::getUuid).orElseGet(() -> UUID.randomUUID().toString());
            if (previous.isPresent()) {
                table(BY_USER).delete(UserIds.hex(previous.get().getUserID()));
            }
            Optional<DirectoryEntry> oldNumberOfUser = byUser(userId);
            if (oldNumberOfUser.isPresent() && !oldNumberOfUser.get().getNumber().equals(number)) {
                table(BY_NUMBER).delete(oldNumberOfUser.get().getNumber());
                table(BY_UUID).delete(oldNumberOfUser.get().getUuid());
            }
            DirectoryEntry entry = DirectoryEntry.newBuilder().setNumber(number).setUuid(uuid).setUserID(userId)
                    .build();
            table(BY_NUMBER).put(number, entry.toByteArray());
            table(BY_UUID).put(uuid, number.getBytes(StandardCharsets.UTF_8));
            table(BY_USER).put(UserIds.hex(userId), number.getBytes(StandardCharsets.UTF_8));
            return entry;
        });
    }

    Optional<DirectoryEntry> byNumber(String number) throws StorageException {
        Optional<byte[]> bytes = table(BY_NUMBER).get(number);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DirectoryEntry.parseFrom(bytes.get()));
        } catch (InvalidProtocolBufferException e) {
            throw new StorageException("Corrupt directory entry for " + number, e);
        }
    }

    Optional<DirectoryEntry> byUuid(String uuid) throws StorageException {
        return store.transaction(() -> {
            Optional<byte[]> number = table(BY_UUID).get(uuid);
            return number.isEmpty() ? Optional.empty() : byNumber(new String(number.get(), StandardCharsets.UTF_8));
        });
    }

    Optional<DirectoryEntry> byUser(ByteString userId) throws StorageException {
        return store.transaction(() -> {
            Optional<byte[]> number = table(BY_USER).get(UserIds.hex(userId));
            return number.isEmpty() ? Optional.empty() : byNumber(new String(number.get(), StandardCharsets.UTF_8));
        });
    }

    /** A name-based (version 3) UUID of the userID bytes, for accounts that never claimed a number. */
    static UUID derivedUuid(ByteString userId) {
        return UUID.nameUUIDFromBytes(userId.toByteArray());
    }

    private RecordTable table(String name) {
        return store.table(name);
    }
}
