package org.signalbox.core.messaging.internal.methods;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.MethodScope;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.core.messaging.internal.data.AccountData;
import org.signalbox.core.messaging.internal.data.ProfileRecord;
import org.signalbox.core.messaging.internal.data.MessagingException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code updateProfile}: the account's own profile; only the fields given change. */
@Component(service = RpcMethod.class)
public final class UpdateProfile extends BaseMethod {

    public UpdateProfile() {
        super("updateProfile", MethodScope.ACCOUNT, "Updates the account's profile", """
                {"type":"object","properties":{
                  "givenName":{"type":"string"},
                  "familyName":{"type":"string"},
                  "about":{"type":"string"},
                  "aboutEmoji":{"type":"string"},
                  "avatar":{"type":"string"},
                  "removeAvatar":{"type":"boolean","default":false},
                  "mobileCoinAddress":{"type":"string"}}}""");
    }

    @Override
    Object serve(RpcCall call) throws RpcException, MessagingException {
        ObjectNode p = call.params();
        String avatar = Params.text(p, "avatar");
        if (avatar != null && !Files.isReadable(Path.of(avatar))) {
            throw MessagingException.invalid("Avatar file not found or not readable: " + avatar);
        }
        AccountData data = AccountData.of(call.requireAccount());
        return data.transaction(() -> {
            ProfileRecord old = data.profile();
            data.put(new ProfileRecord(System.currentTimeMillis(),
                    pick(p, "givenName", old.givenName()),
                    pick(p, "familyName", old.familyName()),
                    pick(p, "about", old.about()),
                    pick(p, "aboutEmoji", old.aboutEmoji()),
                    Params.flag(p, "removeAvatar") ? null : avatar != null ? avatar : old.avatarPath(),
                    pick(p, "mobileCoinAddress", old.mobileCoinAddress())));
            return null;
        });
    }

    private static String pick(ObjectNode p, String name, String old) {
        return p.has(name) ? Params.text(p, name) : old;
    }
}
