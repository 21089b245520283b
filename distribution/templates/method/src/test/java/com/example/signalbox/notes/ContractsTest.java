package com.example.signalbox.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.signalbox.api.rpc.ParamsRecords;
import org.signalbox.api.rpc.RpcMethod;

/** Each method reads its contract from the file beside it, and its params record agrees with the contract. */
class ContractsTest {

    @Test
    void eachParamsRecordAgreesWithItsContract() throws Exception {
        List<RpcMethod> methods = ParamsRecords.compiledMethods(Path.of("target/classes"));
        assertThat(methods).extracting(m -> m.contract().name())
                .containsExactlyInAnyOrder("addNote", "listNotes", "deleteNote");
        assertThat(ParamsRecords.disagreements(methods)).isEmpty();
    }
}
