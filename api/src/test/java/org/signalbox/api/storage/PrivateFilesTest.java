package org.signalbox.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void replaceLeavesTheNewContentOwnerOnlyAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("accounts.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.replace(file, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("new");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writersAtOnceEachLeaveAWholeFile() throws Exception {
        Path file = dir.resolve("endpoint.properties");
        CompletableFuture<?>[] writers = IntStream.range(0, 16).mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                PrivateFiles.replace(file, ("writer " + i + " ").repeat(1000).getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(writers).join();
        String text = Files.readString(file);
        assertThat(text).as("one writer's text, whole").startsWith("writer ")
                .isEqualTo(text.substring(0, text.indexOf(' ', "writer ".length()) + 1).repeat(1000));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
