package com.example.signalbox.notes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.storage.AccountStore;
import org.signalbox.api.storage.RecordTable;
import org.signalbox.api.storage.StorageException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An account's notes, kept in its own store: whatever backend the distribution uses (SQLite, memory, yours) keeps
 * them with the account's other data, and deleting the account deletes them.
 */
final class Notes {

    /** One note as the methods answer it. */
    record Note(long id, String text) {
    }

    /** A table name of this bundle's own, so it cannot meet another bundle's. */
    private static final String TABLE = "com.example.signalbox.notes";
    private static final String NEXT_ID = "next-id";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AccountStore store;

    Notes(Account account) {
        this.store = account.store();
    }

    Note add(String text) throws RpcException {
        return write(() -> {
            RecordTable t = store.table(TABLE);
            long id = t.get(NEXT_ID).map(b -> Long.parseLong(new String(b))).orElse(1L);
            t.put(NEXT_ID, Long.toString(id + 1).getBytes());
            Note note = new Note(id, text);
            t.put(key(id), json(note));
            return note;
        });
    }

    List<Note> all() throws RpcException {
        return write(() -> {
            List<Note> out = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : store.table(TABLE).all().entrySet()) {
                if (!e.getKey().equals(NEXT_ID)) {
                    out.add(read(e.getValue()));
                }
            }
            out.sort((a, b) -> Long.compare(a.id(), b.id()));
            return out;
        });
    }

    Optional<Note> delete(long id) throws RpcException {
        return write(() -> {
            RecordTable t = store.table(TABLE);
            Optional<Note> note = t.get(key(id)).map(Notes::read);
            t.delete(key(id));
            return note;
        });
    }

    /** Keys sort as the ids do. */
    private static String key(long id) {
        return String.format("%019d", id);
    }

    private static byte[] json(Note note) throws StorageException {
        try {
            return MAPPER.writeValueAsBytes(note);
        } catch (IOException e) {
            throw new StorageException("Cannot encode a note: " + e.getMessage(), e);
        }
    }

    private static Note read(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Note.class);
        } catch (IOException e) {
            throw new IllegalStateException("A stored note does not parse: " + e.getMessage(), e);
        }
    }

    /** Runs in one transaction of the account's store; a storage failure is -3, as signal-cli's I/O errors are. */
    private <T> T write(AccountStore.Work<T> work) throws RpcException {
        try {
            return store.transaction(work);
        } catch (StorageException e) {
            throw RpcException.io("Notes: " + e.getMessage());
        }
    }
}
