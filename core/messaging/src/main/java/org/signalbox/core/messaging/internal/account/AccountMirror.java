package org.signalbox.core.messaging.internal.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.signalbox.api.storage.PrivateFiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code data/<path>}: the per-account file of signal-cli's data directory, with the fields that clients read from
 * it to list accounts and their settings (storage format 10). It is a read-only mirror: Signalbox keeps an
 * account in {@code data/<path>.d/} and never reads this file, and it holds no secret (no keys, password or PIN),
 * as a file other programs read should not.
 */
final class AccountMirror {

    /** signal-cli's {@code CURRENT_STORAGE_VERSION} for the fields written here. */
    static final int STORAGE_VERSION = 10;
    static final String NOTE = "A read-only mirror for programs that read signal-cli's files; Signalbox keeps this "
            + "account in the folder beside it and never reads this file";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.ALWAYS).build();

    /** The account data of one identity; signal-cli also keeps keys and prekey counters here, which stay out. */
    record IdentityData(String serviceId, int registrationId) {
    }

    record Contents(int version, long timestamp, String serviceEnvironment, boolean registered, String number,
            String username, int deviceId, boolean isMultiDevice, IdentityData aciAccountData, String signalbox) {
    }

    private final Path dataDirectory;

    AccountMirror(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    void write(AccountsFile.Entry entry, AccountState state) throws IOException {
        PrivateFiles.replace(file(entry), MAPPER.writeValueAsBytes(new Contents(STORAGE_VERSION,
                System.currentTimeMillis(), entry.environment(), state.registered(), state.number(), null,
                state.deviceId(), false, new IdentityData(state.uuid(), state.registrationId()), NOTE)));
    }

    /** Writes the mirror of an account made before mirrors existed. */
    void writeIfMissing(AccountsFile.Entry entry, AccountState state) throws IOException {
        if (!Files.exists(file(entry))) {
            write(entry, state);
        }
    }

    void delete(AccountsFile.Entry entry) throws IOException {
        Files.deleteIfExists(file(entry));
    }

    private Path file(AccountsFile.Entry entry) {
        return dataDirectory.resolve(entry.path());
    }
}
