package com.example.signalbox.notes;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/** {@code listNotes}: the account's notes, oldest first; its contract is listNotes.json. */
@Component(service = RpcMethod.class)
public final class ListNotes extends AbstractRpcMethod {

    public ListNotes() {
        super(MethodContract.load(ListNotes.class, "listNotes"));
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        return new Notes(call.requireAccount()).all();
    }
}
