package org.signalbox.server.service.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;
import org.signalbox.server.protocol.Address;
import org.signalbox.server.protocol.PreKey;
import org.signalbox.server.protocol.Register;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Registered devices and their prekeys, as seed 001 defines them: a register with the registration id and signed
 * prekey on file appends one-time keys, anything else replaces the registration and drops its one-time keys;
 * one-time keys are handed out last in, first out, each once. Kyber keys (an extension) follow the same rules.
 */
final class PreKeyRegistry {

    private static final String DEVICES = "devices/";
    private static final String ONE_TIME = "one-time-keys/";
    private static final String KYBER = "kyber-keys/";

    private final AccountStore store;

    PreKeyRegistry(AccountStore store) {
        this.store = store;
    }

    void register(Address device, Register r) throws StorageException {
        store.transaction(() -> {
            RecordTable devices = devices(device.getUserID());
            String key = deviceKey(device.getDeviceID());
            Optional<Records.Device> current = read(devices, key);
            Records.Device.Builder next;
            if (current.isPresent() && current.get().getRegistrationID() == r.getRegistrationID()
                    && current.get().getSignedPreKey().equals(r.getSignedPreKey())) {
                next = current.get().toBuilder();
            } else {
                clear(oneTime(device));
                clear(kyber(device));
                next = Records.Device.newBuilder().setRegistrationID(r.getRegistrationID())
                        .setSignedPreKey(r.getSignedPreKey()).setNextKeyIndex(current.map(Records.Device::getNextKeyIndex)
                                .orElse(0L));
            }
            if (!r.getKyberLastResortPreKey().isEmpty()) {
                next.setKyberLastResortPreKey(r.getKyberLastResortPreKey());
            }
            long index = next.getNextKeyIndex();
            for (ByteString k : r.getOneTimePreKeysList()) {
                oneTime(device).put(indexKey(index++), k.toByteArray());
            }
            for (ByteString k : r.getKyberOneTimePreKeysList()) {
                kyber(device).put(indexKey(index++), k.toByteArray());
            }
            devices.put(key, next.setNextKeyIndex(index).build().toByteArray());
            return null;
        });
    }

    /** Returns whether the device had a registration. */
    boolean unregister(Address device) throws StorageException {
        return store.transaction(() -> {
            clear(oneTime(device));
            clear(kyber(device));
            return devices(device.getUserID()).delete(deviceKey(device.getDeviceID()));
        });
    }

    /** Whether {@code device} has registered keys, i.e. exists for senders. */
    boolean registered(Address device) throws StorageException {
        return read(devices(device.getUserID()), deviceKey(device.getDeviceID())).isPresent();
    }

    /**
     * Key material for every registered device of the user not in {@code known}, taking one-time keys if
     * {@code oneTime}; without them a bundle holds the signed prekey and the last-resort Kyber key.
     */
    List<PreKey> take(ByteString userId, Set<Integer> known, boolean oneTime) throws StorageException {
        return store.transaction(() -> {
            List<PreKey> keys = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : devices(userId).all().entrySet()) {
                int deviceId = Integer.parseUnsignedInt(e.getKey());
                if (known.contains(deviceId)) {
                    continue;
                }
                Records.Device d = parse(e.getValue());
                Address address = Address.newBuilder().setUserID(userId).setDeviceID(deviceId).build();
                PreKey.Builder k = PreKey.newBuilder().setAddress(address).setRegistrationID(d.getRegistrationID())
                        .setSignedPreKey(d.getSignedPreKey());
                if (oneTime) {
                    takeNewest(oneTime(address)).ifPresent(k::setOneTimePreKey);
                    k.setKyberPreKey(takeNewest(kyber(address)).orElse(d.getKyberLastResortPreKey()));
                } else {
                    k.setKyberPreKey(d.getKyberLastResortPreKey());
                }
                keys.add(k.build());
            }
            return keys;
        });
    }

    /**
     * How many more one-time keys the device should upload to be at {@code limit} of each kind it uses, or 0; a
     * device without a registration needs none (as the seed). Kyber keys count once the device uploaded any.
     */
    int shortfall(Address device, int limit) throws StorageException {
        return store.transaction(() -> {
            Optional<Records.Device> d = read(devices(device.getUserID()), deviceKey(device.getDeviceID()));
            if (d.isEmpty()) {
                return 0;
            }
            int ec = oneTime(device).all().size();
            int missing = Math.max(0, limit - ec);
            if (!d.get().getKyberLastResortPreKey().isEmpty()) {
                missing = Math.max(missing, limit - kyber(device).all().size());
            }
            return missing;
        });
    }

    private Optional<ByteString> takeNewest(RecordTable keys) throws StorageException {
        Map<String, byte[]> all = keys.all();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String newest = null;
        for (String key : all.keySet()) { // ordered by key: the last one was stored last
            newest = key;
        }
        keys.delete(newest);
        return Optional.of(ByteString.copyFrom(all.get(newest)));
    }

    private static void clear(RecordTable t) throws StorageException {
        for (String k : t.all().keySet()) {
            t.delete(k);
        }
    }

    private RecordTable devices(ByteString userId) {
        return store.table(DEVICES + UserIds.hex(userId));
    }

    private RecordTable oneTime(Address a) {
        return store.table(ONE_TIME + UserIds.queue(a));
    }

    private RecordTable kyber(Address a) {
        return store.table(KYBER + UserIds.queue(a));
    }

    private static String deviceKey(int deviceId) {
        return String.format("%010d", Integer.toUnsignedLong(deviceId));
    }

    private static String indexKey(long index) {
        return String.format("%019d", index);
    }

    private static Optional<Records.Device> read(RecordTable t, String key) throws StorageException {
        Optional<byte[]> bytes = t.get(key);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(parse(bytes.get()));
    }

    private static Records.Device parse(byte[] bytes) throws StorageException {
        try {
            return Records.Device.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new StorageException("Corrupt device record: " + e.getMessage(), e);
        }
    }
}
