package org.signalbox.core.messaging.internal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signalbox.api.account.AccountUnavailableException;
import org.signalbox.api.storage.Tables;
import org.signalbox.core.messaging.internal.crypto.ProtocolStore;
import org.signalbox.storage.memory.internal.MemoryStorageBackend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AccountManagerTest {

    @TempDir
    Path root;

    private final MemoryStorageBackend backend = new MemoryStorageBackend();

    @Test
    void emptyDataDirectoryGetsSignalCliAccountsFile() throws Exception {
        AccountManager m = manager(true);
        assertThat(Files.readString(root.resolve("data/accounts.json")).replaceAll("\\s", ""))
                .isEqualTo("{\"accounts\":[],\"version\":2}");
        m.close();
    }

    @Test
    void registeredAccountsAreListedWithKeysFromLibsignal() throws Exception {
        AccountManager m = manager(true);
        AccountImpl a = m.create("+15550001111");
        assertThat(m.list()).isEmpty();
        m.markRegistered(a);
        assertThat(m.list()).extracting(org.signalbox.api.account.Account::number).containsExactly("+15550001111");
        assertThat(m.find(a.uuid().toString())).isPresent();
        assertThat(a.store().table(Tables.PRE_KEYS).all()).hasSize(KeyMaterial.ONE_TIME_PRE_KEYS);
        assertThat(a.store().table(Tables.SIGNED_PRE_KEYS).all()).hasSize(1);
        // one-time Kyber keys as many as EC ones, plus the signed last-resort key the store never removes
        assertThat(a.store().table(Tables.KYBER_PRE_KEYS).all()).hasSize(KeyMaterial.ONE_TIME_PRE_KEYS + 1);
        assertThat(a.store().table(Tables.ACCOUNT).get(ProtocolStore.KYBER_LAST_RESORT)).isPresent();
        assertThat(a.store().table(Tables.ACCOUNT).get(AccountManager.IDENTITY)).isPresent();

        JsonNode file = new ObjectMapper().readTree(root.resolve("data/accounts.json").toFile());
        JsonNode entry = file.get("accounts").get(0);
        assertThat(entry.get("number").asText()).isEqualTo("+15550001111");
        assertThat(entry.get("uuid").asText()).isEqualTo(a.uuid().toString());
        assertThat(entry.get("environment").asText()).isEqualTo("LIVE");
        assertThat(Files.isDirectory(root.resolve("data/" + entry.get("path").asText() + ".d"))).isTrue();
        m.close();
    }

    @Test
    void secondWriterOnTheSameAccountGetsAClearError() throws Exception {
        AccountManager first = manager(true);
        first.markRegistered(first.create("+15550001111"));
        AccountManager second = manager(true);
        assertThatThrownBy(() -> second.find("+15550001111")).isInstanceOf(AccountUnavailableException.class)
                .hasMessageContaining("in use by another Signalbox process");
        AccountManager reader = manager(false);
        assertThat(reader.find("+15550001111")).isPresent();
        first.close();
        second.close();
        reader.close();
    }

    @Test
    void deleteRemovesFolderAndEntry() throws Exception {
        AccountManager m = manager(true);
        m.create("+15550001111");
        assertThat(m.delete("+15550001111")).isTrue();
        assertThat(m.delete("+15550001111")).isFalse();
        assertThat(m.local("+15550001111")).isEmpty();
        try (var files = Files.list(root.resolve("data"))) {
            assertThat(files.filter(Files::isDirectory)).isEmpty();
        }
        m.close();
    }

    @Test
    void eachAccountHasSignalCliFileMirroringItsStateWithoutSecrets() throws Exception {
        AccountManager m = manager(true);
        AccountImpl a = m.create("+15550001111");
        Path mirror = root.resolve("data/" + a.entry().path());
        assertThat(new ObjectMapper().readTree(mirror.toFile()).get("registered").asBoolean()).isFalse();
        m.markRegistered(a);
        m.adoptUuid(a, "0d1f8f3c-5a4b-4c1e-9d7a-2b6e8f0a1c3d");
        JsonNode file = new ObjectMapper().readTree(mirror.toFile());
        assertThat(file.get("version").asInt()).isEqualTo(10);
        assertThat(file.get("number").asText()).isEqualTo("+15550001111");
        assertThat(file.get("registered").asBoolean()).isTrue();
        assertThat(file.get("deviceId").asInt()).isEqualTo(1);
        assertThat(file.get("serviceEnvironment").asText()).isEqualTo("LIVE");
        assertThat(file.get("aciAccountData").get("serviceId").asText())
                .isEqualTo("0d1f8f3c-5a4b-4c1e-9d7a-2b6e8f0a1c3d");
        assertThat(file.get("aciAccountData").get("registrationId").asInt()).isEqualTo(a.state().registrationId());
        assertThat(file.get("signalbox").asText()).contains("read-only mirror");
        assertThat(file.toString()).doesNotContain("identityPrivateKey", "password", "registrationLockPin",
                "profileKey");
        assertThat(Files.getPosixFilePermissions(mirror)).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(root.resolve("data"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        Files.delete(mirror);
        m.close();
        AccountManager reopened = manager(true);
        assertThat(reopened.find("+15550001111")).isPresent();
        assertThat(mirror).as("written on open for an account made before mirrors").exists();
        assertThat(reopened.delete("+15550001111")).isTrue();
        assertThat(mirror).doesNotExist();
        reopened.close();
    }

    @Test
    void theDataDirectoryIsConfiguredOnce() throws Exception {
        AccountManager m = manager(true);
        assertThatThrownBy(() -> m.configure(root.resolve("elsewhere"), backend, true))
                .isInstanceOf(IllegalStateException.class);
        m.close();
    }

    @Test
    void aReplacedBackendServesTheOpenAccountsUnderTheSameObjects() throws Exception {
        AccountManager m = manager(true);
        AccountImpl a = m.create("+15550001111");
        var held = a.store();
        MemoryStorageBackend next = new MemoryStorageBackend();
        m.configure(root, next, true);
        held.table(Tables.ACCOUNT).put("written-after", new byte[] {1});
        assertThat(m.local("+15550001111")).get().isSameAs(a);
        assertThat(next.open(root, a.entry().path()).table(Tables.ACCOUNT).get("written-after"))
                .as("the store handed out before now writes to the new backend").isPresent();
        assertThat(backend.open(root, a.entry().path()).table(Tables.ACCOUNT).get("written-after"))
                .as("the old backend got nothing after it was replaced").isEmpty();
        m.close();
    }

    private AccountManager manager(boolean exclusive) throws Exception {
        AccountManager m = new AccountManager();
        m.configure(root, backend, exclusive);
        return m;
    }

}
