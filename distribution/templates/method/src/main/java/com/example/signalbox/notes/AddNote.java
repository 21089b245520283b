package com.example.signalbox.notes;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/** {@code addNote}: keeps a text with the account; its contract is addNote.json. */
@Component(service = RpcMethod.class)
public final class AddNote extends AbstractRpcMethod {

    public AddNote() {
        super(MethodContract.load(AddNote.class, "addNote"));
    }

    record Params(String text) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        String text = call.params(Params.class).text().strip();
        if (text.isEmpty()) {
            throw RpcException.user("A note needs some text");
        }
        return new Notes(call.requireAccount()).add(text);
    }
}
