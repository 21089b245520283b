package org.signalbox.api.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Account data (private keys, sessions, queued messages) is readable by its owner only, whatever the process's
 * umask: folders 0700, files 0600, as signal-cli keeps its data directory. Backends and anything else that writes
 * under the data directory create through here; on a file system without POSIX modes these do nothing more than
 * create.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Asked once: the start-up walk over the data directory asks for every file. */
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
            .contains("posix");

    private PrivateFiles() {
    }

    /** Creates {@code folder} and missing parents 0700, and makes {@code folder} itself 0700 if it existed. */
    public static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, attribute(FOLDER));
        }
        restrict(folder, FOLDER);
        return folder;
    }

    /** Creates an empty {@code file} 0600 if there is none, else makes it 0600. */
    public static Path file(Path file) throws IOException {
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(file, attribute(FILE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process made it meanwhile; its mode is fixed below
            }
        }
        restrict(file, FILE);
        return file;
    }

    /**
     * Replaces {@code file} with {@code content}, 0600, for files other programs read while it is written: the
     * bytes go to a temporary file of this call's own beside it, reach the disk, then take its place by rename,
     * so a reader or a crash sees the old file or the new one, never a part, and two writers never share a
     * temporary file.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(file(temp), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
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

    /** Makes {@code file} 0600 if it exists (files that a library creates by itself). */
    public static void restrictIfExists(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            restrict(file, FILE);
        }
    }

    /**
     * Makes every folder under {@code root} (and {@code root}) 0700 and every file 0600, without following links:
     * data written by an older version or under another umask is closed on start.
     */
    public static void tree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                restrict(dir, FOLDER);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    restrict(file, FILE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> mode) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static boolean posix() {
        return POSIX;
    }
}
