package org.signalbox.core.messaging.internal.methods;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.ProfileRecord;
import org.signalbox.core.messaging.internal.data.MessagingException;


/** {@code updateProfile}: the account's own profile; only the fields given change. */
@Component(service = RpcMethod.class)
public final class UpdateProfile extends BaseMethod {

    public UpdateProfile() {
        super("updateProfile");
    }

    /** Each text is null when not given. */
    record Params(String givenName, String familyName, String about, String aboutEmoji, String avatar,
            boolean removeAvatar, String mobileCoinAddress) {
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        Params p = call.params(Params.class);
        String avatar = p.avatar();
        if (avatar != null && !Files.isReadable(Path.of(avatar))) {
            throw MessagingException.invalid("Avatar file not found or not readable: " + avatar);
        }
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            ProfileRecord old = data.profile();
            data.put(new ProfileRecord(System.currentTimeMillis(),
                    or(p.givenName(), old.givenName()),
                    or(p.familyName(), old.familyName()),
                    or(p.about(), old.about()),
                    or(p.aboutEmoji(), old.aboutEmoji()),
                    p.removeAvatar() ? null : or(avatar, old.avatarPath()),
                    or(p.mobileCoinAddress(), old.mobileCoinAddress())));
            return null;
        });
    }

    private static String or(String given, String old) {
        return given != null ? given : old;
    }
}
