package org.signalbox.core.messaging.internal.account;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import org.signalbox.api.storage.PrivateFiles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON file that other programs read while Signalbox writes it: the new text goes to a private temporary file of
 * its own beside it, reaches the disk, then replaces the old by rename, so a reader or a crash sees the old file or
 * the new, never a part; two writers never share a temporary file.
 */
final class AtomicJson {

    private AtomicJson() {
    }

    static void write(Path file, ObjectMapper mapper, Object value) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            byte[] text = mapper.writeValueAsBytes(value);
            try (FileChannel out = FileChannel.open(PrivateFiles.file(temp), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(text);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
