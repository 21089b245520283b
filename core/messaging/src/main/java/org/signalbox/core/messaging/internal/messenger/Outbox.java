package org.signalbox.core.messaging.internal.messenger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.signal.libsignal.metadata.SealedSessionCipher;
import org.signal.libsignal.metadata.certificate.SenderCertificate;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.UntrustedIdentityException;
import org.signal.libsignal.protocol.state.IdentityKeyStore;
import org.signalbox.api.storage.StorageException;
import org.signalbox.core.messaging.internal.crypto.Bundles;
import org.signalbox.core.messaging.internal.crypto.ProtocolStore;
import org.signalbox.core.messaging.internal.data.AddressBook;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.network.Link;
import org.signalbox.core.messaging.internal.network.ServerError;
import org.signalbox.server.protocol.DirectoryEntry;
import org.signalbox.server.protocol.Message;
import org.signalbox.server.protocol.PreKey;

import com.google.protobuf.ByteString;

/**
 * Sends one plaintext to people: finds each in the directory, checks the identity key against the one on file,
 * starts sessions from prekey bundles where there are none, and hands each device a sealed-sender message, so
 * the server learns who receives but not who sends.
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger("Send");

    private final Link link;
    private final ProtocolStore keys;
    private final AddressBook addresses;
    private final SealedSessionCipher cipher;
    private final ReentrantLock starting;

    Outbox(Link link, ProtocolStore keys, ReentrantLock starting, UUID self, String number, int device) {
        this.link = link;
        this.starting = starting;
        this.keys = keys;
        this.addresses = new AddressBook(keys.store());
        this.cipher = new SealedSessionCipher(keys, self, number, device);
    }

    /** One message to each recipient; recipients fail independently. */
    List<SendResult> send(List<Recipient> recipients, byte[] plaintext, SenderCertificate certificate) {
        byte[] padded = Padding.pad(plaintext);
        List<Pending> inFlight = new ArrayList<>();
        List<SendResult> done = new ArrayList<>();
        for (Recipient r : recipients) {
            try {
                inFlight.add(start(r, padded, certificate));
            } catch (Failed f) {
                done.add(f.result);
            }
        }
        for (Pending p : inFlight) {
            done.add(p.await());
        }
        return done;
    }

    private Pending start(Recipient r, byte[] padded, SenderCertificate certificate) throws Failed {
        DirectoryEntry entry;
        try {
            entry = link.lookup(r.number(), r.uuid());
        } catch (ServerError e) {
            throw new Failed(result(r.uuid(), r.number(), e.is("unknown_user")
                    ? SendResult.Type.UNREGISTERED_FAILURE : SendResult.Type.NETWORK_FAILURE));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Directory lookup of " + r + " failed: " + e.getMessage());
            throw new Failed(result(r.uuid(), r.number(), SendResult.Type.NETWORK_FAILURE));
        }
        String uuid = entry.getUuid();
        String number = entry.getNumber().isEmpty() ? r.number() : entry.getNumber();
        ByteString userID = entry.getUserID();
        try {
            addresses.learn(uuid, number);
            IdentityKey current = new IdentityKey(userID.toByteArray());
            SignalProtocolAddress primary = new SignalProtocolAddress(uuid, 1);
            if (!keys.isTrustedIdentity(primary, current, IdentityKeyStore.Direction.SENDING)) {
                keys.saveIdentity(primary, current); // a new key is kept, untrusted, for listIdentities and trust
                throw new Failed(result(uuid, number, SendResult.Type.IDENTITY_FAILURE));
            }
            keys.saveIdentity(primary, current);
            List<Integer> devices = sessionDevices(uuid, userID);
            List<CompletableFuture<Message>> acks = new ArrayList<>();
            for (int device : devices) {
                SignalProtocolAddress to = new SignalProtocolAddress(uuid, device);
                byte[] sealed = keys.store().transaction(() -> seal(to, certificate, padded));
                acks.add(link.deliver(userID, device, sealed));
            }
            return new Pending(uuid, number, acks);
        } catch (ServerError e) {
            throw new Failed(result(uuid, number, e.is("unknown_user")
                    ? SendResult.Type.UNREGISTERED_FAILURE : SendResult.Type.NETWORK_FAILURE));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Sending to " + r + " failed: " + e.getMessage());
            throw new Failed(result(uuid, number, SendResult.Type.NETWORK_FAILURE));
        } catch (InvalidKeyException e) {
            LOG.log(System.Logger.Level.WARNING, "Unusable keys for " + r + ": " + e.getMessage());
            throw new Failed(result(uuid, number, SendResult.Type.INVALID_PRE_KEY_FAILURE));
        } catch (Refused e) {
            if (e.cause instanceof UntrustedIdentityException) {
                throw new Failed(result(uuid, number, SendResult.Type.IDENTITY_FAILURE));
            }
            LOG.log(System.Logger.Level.WARNING, "Unusable keys for " + r + ": " + e.getMessage());
            throw new Failed(result(uuid, number, SendResult.Type.INVALID_PRE_KEY_FAILURE));
        } catch (StorageException | ProtocolStore.StoreFailure e) {
            LOG.log(System.Logger.Level.ERROR, "Storage failure while sending to " + r, e);
            throw new Failed(result(uuid, number, SendResult.Type.NETWORK_FAILURE));
        }
    }

    /**
     * The recipient's devices with a session, started from prekey bundles where there are none. Concurrent first
     * sends of the account wait for one another here, so that a burst starts one session and spends one prekey,
     * instead of each replacing the last; and the session is built in one transaction, as messages are sealed and
     * opened in one, so that none of them reads or overwrites half a ratchet (which cost messages: the peer
     * could no longer decrypt them).
     */
    private List<Integer> sessionDevices(String uuid, ByteString userID) throws IOException, StorageException {
        List<Integer> devices = keys.sessionDevices(uuid);
        if (!devices.isEmpty()) {
            return devices;
        }
        starting.lock();
        try {
            devices = keys.sessionDevices(uuid);
            if (!devices.isEmpty()) {
                return devices;
            }
            List<PreKey> bundles = link.preKeys(userID);
            return keys.store().transaction(() -> {
                List<Integer> started = new ArrayList<>();
                for (PreKey p : bundles) {
                    int device = p.getAddress().getDeviceID();
                    try {
                        new SessionBuilder(keys, new SignalProtocolAddress(uuid, device)).process(Bundles.of(p));
                    } catch (InvalidKeyException | UntrustedIdentityException e) {
                        throw new Refused(e);
                    }
                    started.add(device);
                }
                return started;
            });
        } finally {
            starting.unlock();
        }
    }

    private byte[] seal(SignalProtocolAddress to, SenderCertificate certificate, byte[] padded) throws Refused {
        try {
            return cipher.encrypt(to, certificate, padded);
        } catch (InvalidKeyException | UntrustedIdentityException e) {
            throw new Refused(e);
        }
    }

    private static SendResult result(String uuid, String number, SendResult.Type type) {
        return new SendResult(uuid, number, null, type);
    }

    /** Messages handed to the server for one recipient, waiting for its acks. */
    private record Pending(String uuid, String number, List<CompletableFuture<Message>> acks) {
        SendResult await() {
            try {
                for (CompletableFuture<Message> ack : acks) {
                    Link.answer(ack);
                }
                return result(uuid, number, SendResult.Type.SUCCESS);
            } catch (ServerError e) {
                return result(uuid, number, e.is("unknown_user") || e.is("unknown_device")
                        ? SendResult.Type.UNREGISTERED_FAILURE : SendResult.Type.NETWORK_FAILURE);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Sending to " + uuid + " failed: " + e.getMessage());
                return result(uuid, number, SendResult.Type.NETWORK_FAILURE);
            }
        }
    }

    /** A recipient that failed before anything was handed to the server. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SendResult result;

        Failed(SendResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** libsignal's refusal to start a session or seal, carried out of a storage transaction (which it rolls back). */
    private static final class Refused extends StorageException {
        private static final long serialVersionUID = 1L;
        private final transient Exception cause;

        Refused(Exception cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }
}
