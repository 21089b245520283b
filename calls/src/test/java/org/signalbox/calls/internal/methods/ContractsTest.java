package org.signalbox.calls.internal.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.signalbox.api.rpc.ParamsRecords;
import org.signalbox.api.rpc.RpcMethod;

/** Every call method reads its contract from the file beside it, and its params record agrees with it. */
class ContractsTest {

    @Test
    void eachParamsRecordAgreesWithItsContractAndEachContractStatesItsResult() throws Exception {
        List<RpcMethod> methods = ParamsRecords.compiledMethods(Path.of("target/classes"));
        assertThat(methods).extracting(m -> m.contract().name()).containsExactlyInAnyOrder("startCall",
                "acceptCall", "hangupCall", "rejectCall", "listCalls", "subscribeCallEvents", "unsubscribeCallEvents");
        assertThat(ParamsRecords.disagreements(methods)).isEmpty();
    }
}
