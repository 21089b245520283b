package org.signalbox.core.messaging.internal.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.signalbox.api.rpc.ParamsRecords;
import org.signalbox.api.rpc.RpcMethod;

/** Every method of this bundle reads its contract from the file beside it, and its params record agrees with it. */
class ContractsTest {

    @Test
    void eachParamsRecordAgreesWithItsContractAndEachContractStatesItsResult() throws Exception {
        List<RpcMethod> methods = ParamsRecords.compiledMethods(Path.of("target/classes"));
        assertThat(methods).hasSizeGreaterThan(30);
        assertThat(ParamsRecords.disagreements(methods)).isEmpty();
    }
}
