package com.example.signalbox.notes;

import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.AbstractRpcMethod;
import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcException;
import org.signalbox.api.rpc.RpcMethod;

/** {@code deleteNote}: forgets one note and answers it; its contract is deleteNote.json. */
@Component(service = RpcMethod.class)
public final class DeleteNote extends AbstractRpcMethod {

    public DeleteNote() {
        super(MethodContract.load(DeleteNote.class, "deleteNote"));
    }

    record Params(long id) {
    }

    @Override
    public Object call(RpcCall call) throws RpcException {
        long id = call.params(Params.class).id();
        return new Notes(call.requireAccount()).delete(id)
                .orElseThrow(() -> RpcException.user("No note has id " + id));
    }
}
