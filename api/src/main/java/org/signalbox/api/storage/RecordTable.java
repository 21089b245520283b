package org.signalbox.api.storage;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** Keyed records of one kind. */
@ConsumerType
public interface RecordTable {

    Optional<byte[]> get(String key) throws StorageException;

    void put(String key, byte[] value) throws StorageException;

    /** Returns whether a record was removed. */
    boolean delete(String key) throws StorageException;

    /** All records, ordered by key. */
    Map<String, byte[]> all() throws StorageException;
}
