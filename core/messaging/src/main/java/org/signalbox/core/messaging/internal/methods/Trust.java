package org.signalbox.core.messaging.internal.methods;

import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.signalbox.api.account.Account;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.storage.StorageException;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.IdentityRecord;
import org.signalbox.core.messaging.internal.data.Recipient;
import org.signalbox.core.messaging.internal.messenger.Messengers;
import org.signalbox.core.messaging.internal.data.MessagingException;

/**
 * {@code trust}: marks a recipient's known keys trusted ({@code trustAllKnownKeys}), or verified when the given
 * safety number (or scannable safety number, base64) matches.
 */
@Component(service = RpcMethod.class)
public final class Trust extends BaseMethod {

    private final Messengers messengers;

    @Activate
    public Trust(@Reference Messengers messengers) {
        super("trust");
        this.messengers = messengers;
    }

    record Params(String recipient, boolean trustAllKnownKeys, String verifiedSafetyNumber) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Account self = call.requireAccount();
        Params p = call.params(Params.class);
        Recipient r = Recipient.parse(p.recipient());
        boolean all = p.trustAllKnownKeys();
        String verified = p.verifiedSafetyNumber();
        if (!all && verified == null) {
            throw MessagingException.invalid("You need to specify the safety number you have verified "
                    + "(verifiedSafetyNumber) or trust all known keys (trustAllKnownKeys)");
        }
        AccountData data = AccountData.of(self);
        data.transaction(() -> {
            List<IdentityRecord> keys = data.identities().stream()
                    .filter(i -> r.key().equals(i.number()) || r.key().equals(i.uuid())).toList();
            if (keys.isEmpty()) {
                throw MessagingException.invalid("No identity key is known for " + r + "; nothing to trust");
            }
            for (IdentityRecord i : keys) {
                if (all) {
                    data.put(i.withTrust(IdentityRecord.TRUSTED_UNVERIFIED));
                    continue;
                }
                SafetyNumbers.Numbers n = SafetyNumbers.of(self, UUID.fromString(i.uuid()),
                        SafetyNumbers.decode(i.identityKey()));
                String given = verified.replace(" ", "");
                if (!given.equals(n.safetyNumber()) && !given.equals(n.scannable())) {
                    throw MessagingException.invalid("The given safety number does not match the one of " + r);
                }
                data.put(i.withTrust(IdentityRecord.TRUSTED_VERIFIED));
            }
            return null;
        });
        try {
            messengers.trustChanged(self);
        } catch (StorageException e) {
            throw MessagingException.io(e.getMessage());
        }
        return null;
    }
}
