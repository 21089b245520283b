package org.signalbox.core.messaging.internal.account;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.signalbox.api.storage.PrivateFiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code data/accounts.json} in signal-cli's shape, which clients such as siggy read to decide whether an account
 * exists. Changes are read-modify-write under a file lock and land by atomic rename, so neither a second process
 * nor a crash can leave it half-written.
 */
final class AccountsFile {

    /** One entry; the key names and {@code environment} are signal-cli's. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(String path, String environment, String number, String uuid) {
    }

    /** The whole file. */
    record Contents(List<Entry> accounts, int version) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path file;
    private final Path lock;
    private final ReentrantLock writers = new ReentrantLock();
    /** The last contents read, with the file's identity, modification time and size when it was read. */
    private volatile Snapshot cached;

    private record Snapshot(Object fileKey, java.nio.file.attribute.FileTime modified, long size,
            List<Entry> entries) {
    }

    AccountsFile(Path dataDirectory) {
        this.file = dataDirectory.resolve("accounts.json");
        this.lock = dataDirectory.resolve("accounts.json.lock");
    }

    /**
     * The entries; re-read only when the file changed (another process may register accounts), so routing a
     * request does not parse the file every time.
     */
    List<Entry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        Snapshot known = cached;
        // every write replaces the file by rename, so a new file key also tells a change
        if (known != null && java.util.Objects.equals(known.fileKey(), attributes.fileKey())
                && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return known.entries();
        }
        List<Entry> entries;
        try {
            entries = List.copyOf(MAPPER.readValue(file.toFile(), Contents.class).accounts());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var where = e.getLocation();
            throw new IOException(file + " is damaged (" + (syntax(e) ? "not valid JSON"
                            : "not the shape of an accounts file") + (where == null ? "" : " at line "
                                    + where.getLineNr() + ", column " + where.getColumnNr())
                    + "); fix it or restore it from a backup, Signalbox will not write over it");
        }
        cached = new Snapshot(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), entries);
        return entries;
    }

    private static boolean syntax(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e instanceof com.fasterxml.jackson.core.JsonParseException
                || e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
    }

    /** Applies {@code change} to the current entries and writes the result. */
    List<Entry> update(java.util.function.UnaryOperator<List<Entry>> change) throws IOException {
        PrivateFiles.folder(file.getParent());
        // a file lock keeps other processes out, not other threads of this one, for which it would throw
        writers.lock();
        try (FileChannel channel = FileChannel.open(PrivateFiles.file(lock), StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            List<Entry> updated = change.apply(new ArrayList<>(read()));
            write(updated);
            return updated;
        } finally {
            writers.unlock();
        }
    }

    /** Writes an empty file if there is none, so clients find the folder initialised. */
    void ensureExists() throws IOException {
        if (!Files.exists(file)) {
            update(entries -> entries);
        }
    }

    private void write(List<Entry> entries) throws IOException {
        PrivateFiles.replace(file, MAPPER.writeValueAsBytes(new Contents(entries, 2)));
    }
}
