package org.signalbox.calls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.signalbox.api.rpc.RpcError;
import org.signalbox.api.rpc.RpcException;

import com.fasterxml.jackson.databind.ObjectMapper;

class CallIdsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static long parse(String json) throws Exception {
        return CallIds.parse("callId", MAPPER.readTree(json).decimalValue());
    }

    @Test
    void theSignedAndTheUnsignedFormNameTheSameCall() throws Exception {
        assertThat(parse("-4186230874419930591")).isEqualTo(-4186230874419930591L);
        assertThat(parse("14260513199289620925")).isEqualTo(-4186230874419930691L);
        assertThat(parse("18446744073709551615")).isEqualTo(-1L);
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(CallIds.unsigned(-1L).toString()).isEqualTo("18446744073709551615");
    }

    @Test
    void anIntegerValuedFractionIsAccepted() throws Exception {
        assertThat(parse("12.0")).isEqualTo(12L);
        assertThat(parse("1e3")).isEqualTo(1000L);
    }

    @Test
    void everythingElseIsInvalidParamsNamingTheParam() {
        for (String bad : new String[] {"12.5", "18446744073709551616", "-9223372036854775809", "1e30"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(RpcException.class, e -> {
                assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMS);
                assertThat(((Map<?, ?>) e.data()).get("param")).isEqualTo("callId");
            });
        }
    }

    @Test
    void randomIdsUseAllSixtyFourBits() {
        boolean negative = false;
        boolean positive = false;
        for (int i = 0; i < 200; i++) {
            long id = CallIds.random();
            negative |= id < 0;
            positive |= id > 0;
        }
        assertThat(negative && positive).isTrue();
    }
}
