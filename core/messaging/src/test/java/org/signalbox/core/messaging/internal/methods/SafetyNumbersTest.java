package org.signalbox.core.messaging.internal.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signalbox.api.account.Account;
import org.signalbox.api.account.Accounts;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.session.Session;
import org.signalbox.api.storage.Tables;
import org.signalbox.core.messaging.internal.account.AccountImpl;
import org.signalbox.core.messaging.internal.account.AccountManager;
import org.signalbox.core.messaging.internal.messenger.ContentListeners;
import org.signalbox.core.messaging.internal.messenger.Delivery;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.IdentityRecord;
import org.signalbox.storage.memory.internal.MemoryStorageBackend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Safety numbers come from libsignal and are the same on both sides; trust checks them. */
class SafetyNumbersTest {

    @TempDir
    Path root;

    private AccountManager accounts;
    private AccountImpl alice;
    private AccountImpl bob;
    private Messengers messengers;

    @BeforeEach
    void accounts() throws Exception {
        accounts = new AccountManager();
        accounts.configure(root, new MemoryStorageBackend(), true);
        messengers = new Messengers(accounts, new Delivery(accounts), new ContentListeners());
        alice = accounts.create("+15550001111");
        bob = accounts.create("+15550002222");
        accounts.markRegistered(alice);
        accounts.markRegistered(bob);
        // each learns the other's identity key, as a first message would teach it
        learn(alice, bob);
        learn(bob, alice);
    }

    @AfterEach
    void close() {
        accounts.close();
    }

    @Test
    void bothSidesSeeTheSameSafetyNumber() throws Exception {
        SafetyNumbers.Numbers a = SafetyNumbers.of(alice, bob.uuid(), identity(bob));
        SafetyNumbers.Numbers b = SafetyNumbers.of(bob, alice.uuid(), identity(alice));
        assertThat(a.safetyNumber()).hasSize(60).containsOnlyDigits().isEqualTo(b.safetyNumber());
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void trustWithTheRightSafetyNumberVerifiesTheKey() throws Exception {
        String number = SafetyNumbers.of(alice, bob.uuid(), identity(bob)).safetyNumber();
        assertThatThrownBy(() -> new Trust(messengers).call(call(alice, "{\"recipient\":\"+15550002222\","
                + "\"verifiedSafetyNumber\":\"123\"}"))).isInstanceOf(RpcException.class)
                .hasMessageContaining("does not match");
        new Trust(messengers).call(call(alice, "{\"recipient\":\"+15550002222\",\"verifiedSafetyNumber\":\"" + number + "\"}"));
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> listed = (List<java.util.Map<String, Object>>) new ListIdentities()
                .call(call(alice, "{}"));
        assertThat(listed).singleElement().satisfies(m -> {
            assertThat(m.get("trustLevel")).isEqualTo("TRUSTED_VERIFIED");
            assertThat(m.get("safetyNumber")).as("in signal-cli's twelve groups").isEqualTo(
                    String.join(" ", number.split("(?<=\\G.{5})")));
            assertThat((String) m.get("fingerprint")).matches("[0-9a-f]{2}( [0-9a-f]{2}){32}");
            assertThat(m.get("uuid")).isEqualTo(bob.uuid().toString());
        });
    }

    private void learn(AccountImpl self, AccountImpl other) throws Exception {
        AccountData.of(self).put(new IdentityRecord(other.number(), other.uuid().toString(),
                Base64.getEncoder().encodeToString(identity(other).serialize()), "TRUSTED_UNVERIFIED", 1L));
    }

    private static IdentityKey identity(Account a) throws Exception {
        return new IdentityKeyPair(a.store().table(Tables.ACCOUNT).get(AccountManager.IDENTITY).orElseThrow())
                .getPublicKey();
    }

    private RpcCall call(Account account, String params) throws Exception {
        ObjectNode p = (ObjectNode) new ObjectMapper().readTree(params);
        return new RpcCall() {
            @Override
            public ObjectNode params() {
                return p;
            }

            @Override
            public <T> T params(Class<T> type) {
                try {
                    // what the test gives is complete: no defaults to apply, nothing to coerce
                    return new ObjectMapper().treeToValue(p, type);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(e);
                }
            }

            @Override
            public Optional<Account> account() {
                return Optional.of(account);
            }

            @Override
            public Optional<String> accountNumber() {
                return Optional.of(account.number());
            }

            @Override
            public Accounts accounts() {
                return accounts;
            }

            @Override
            public Session session() {
                throw new UnsupportedOperationException("no session in this test");
            }

            @Override
            public void carries(org.signalbox.api.session.Handover handover) {
                throw new UnsupportedOperationException("no stored messages in this test");
            }
        };
    }
}
