package org.signalbox.core.messaging.internal.messenger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.signalbox.api.storage.PrivateFiles;
import org.signalbox.core.messaging.internal.content.Wire;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;

/**
 * Attachments carried inline in the end-to-end message (docs/protocol/content.md): read from a path or a
 * {@code data:} URI when sending, written to {@code <config>/attachments/<id>} when received, as signal-cli lays
 * them out, and read back by {@code getAttachment}.
 */
public final class Attachments {

    /** All attachments of one message together; the server's default frame limit is twice this. */
    public static final int MAX_BYTES = 512 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DATA_URI = Pattern.compile(
            "data:(?<type>[^;,]*)(?<params>(;[^;,=]+=[^;,]*)*)(?<base64>;base64)?,(?<data>.*)", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9]{1,10})?");
    private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png",
            "image/gif", "gif", "image/webp", "webp", "text/plain", "txt", "application/pdf", "pdf",
            "audio/aac", "aac", "audio/ogg", "ogg", "video/mp4", "mp4");

    private final Path directory;
    private final boolean keepFiles;

    /**
     * @param directory {@code <config>/attachments}
     * @param keepFiles false for {@code --ignore-attachments}: received ones are described, not written
     */
    public Attachments(Path directory, boolean keepFiles) {
        this.directory = directory;
        this.keepFiles = keepFiles;
    }

    /** Reads the {@code attachment} values of a send: paths on this host or {@code data:} URIs. */
    public static List<Wire.Attachment> read(List<String> specs, long timestamp) throws MessagingException {
        List<Wire.Attachment> out = new ArrayList<>();
        long total = 0;
        for (String spec : specs) {
            Wire.Attachment a = spec.startsWith("data:") ? fromDataUri(spec) : fromFile(spec);
            total += a.getData().size();
            if (total > MAX_BYTES) {
                throw MessagingException.invalid("Attachments too large: Signalbox carries at most " + MAX_BYTES
                        + " bytes of attachments per message, inline");
            }
            out.add(a.toBuilder().setUploadTimestamp(timestamp).build());
        }
        return out;
    }

    private static Wire.Attachment fromFile(String spec) throws MessagingException {
        Path file = Path.of(spec);
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw MessagingException.invalid("Attachment too large: " + spec + " (" + Files.size(file)
                        + " bytes); Signalbox carries at most " + MAX_BYTES + " bytes of attachments per message");
            }
            String type = Files.probeContentType(file);
            return Wire.Attachment.newBuilder().setContentType(type == null ? "application/octet-stream" : type)
                    .setFileName(file.getFileName().toString()).setData(ByteString.copyFrom(Files.readAllBytes(file)))
                    .build();
        } catch (NoSuchFileException e) {
            throw MessagingException.invalid("Invalid attachment: " + spec + " (no such file)");
        } catch (IOException e) {
            throw MessagingException.invalid("Invalid attachment: " + spec + " (" + e.getMessage() + ")");
        }
    }

    private static Wire.Attachment fromDataUri(String spec) throws MessagingException {
        var m = DATA_URI.matcher(spec);
        if (!m.matches()) {
            throw MessagingException.invalid("Invalid attachment: not a data URI (data:<type>[;filename=<name>];base64,<data>)");
        }
        Wire.Attachment.Builder a = Wire.Attachment.newBuilder()
                .setContentType(m.group("type").isEmpty() ? "text/plain" : m.group("type"));
        for (String param : m.group("params").split(";")) {
            if (param.startsWith("filename=")) {
                a.setFileName(param.substring("filename=".length()));
            }
        }
        try {
            byte[] data = m.group("base64") != null ? Base64.getDecoder().decode(m.group("data").strip())
                    : java.net.URLDecoder.decode(m.group("data"), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
            return a.setData(ByteString.copyFrom(data)).build();
        } catch (IllegalArgumentException e) {
            throw MessagingException.invalid("Invalid attachment: bad base64 in data URI");
        }
    }

    /**
     * Writes a received message's attachments and returns their envelope entries. The id comes from the sender,
     * the message and the position, so a message delivered twice writes the same files.
     */
    List<JsonNode> save(String sender, Wire.DataMessage d) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < d.getAttachmentsCount(); i++) {
            Wire.Attachment a = d.getAttachments(i);
            String id = id(sender, d.getTimestamp(), i, a);
            if (keepFiles) {
                write(id, a);
            }
            ObjectNode n = MAPPER.createObjectNode();
            n.put("contentType", a.getContentType());
            n.put("filename", a.getFileName().isEmpty() ? null : a.getFileName());
            n.put("id", id);
            n.put("size", a.getData().size());
            if (a.getWidth() > 0) {
                n.put("width", a.getWidth());
                n.put("height", a.getHeight());
            } else {
                n.putNull("width");
                n.putNull("height");
            }
            n.put("caption", a.getCaption().isEmpty() ? null : a.getCaption());
            n.put("uploadTimestamp", a.getUploadTimestamp());
            out.add(n);
        }
        return out;
    }

    private void write(String id, Wire.Attachment a) throws IOException {
        PrivateFiles.folder(directory);
        Path tmp = Files.createTempFile(directory, ".incoming-", ".part");
        Files.write(tmp, a.getData().toByteArray());
        try {
            Files.move(tmp, directory.resolve(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, directory.resolve(id), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String id(String sender, long timestamp, int index, Wire.Attachment a) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((sender + ":" + timestamp + ":" + index)
                    .getBytes(StandardCharsets.UTF_8));
            String base = Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 20);
            return base + extension(a);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String extension(Wire.Attachment a) {
        String name = a.getFileName();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && ID.matcher("x" + name.substring(dot)).matches()) {
            return name.substring(dot).toLowerCase(Locale.ROOT);
        }
        String known = EXTENSIONS.get(a.getContentType().toLowerCase(Locale.ROOT));
        return known == null ? "" : "." + known;
    }

    /** {@code getAttachment}: the file's bytes. */
    public byte[] load(String id) throws MessagingException {
        if (!ID.matcher(id).matches()) {
            throw MessagingException.invalid("Could not find attachment with ID: " + id);
        }
        try {
            return Files.readAllBytes(directory.resolve(id));
        } catch (NoSuchFileException e) {
            throw MessagingException.invalid("Could not find attachment with ID: " + id);
        } catch (IOException e) {
            throw MessagingException.io("Cannot read attachment " + id + ": " + e.getMessage());
        }
    }
}
