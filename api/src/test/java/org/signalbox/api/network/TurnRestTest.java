package org.signalbox.api.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The TURN REST API credentials against the reference's test vector (socketio-channels.md §8). */
class TurnRestTest {

    @Test
    void matchesTheReferenceVector() {
        IceServer u = TurnRest.issue("signalbox-turn-secret", "u42", 1767225600L - 86400, 86400,
                List.of("turn:turn.example.org:3478?transport=udp"));
        assertThat(u.username()).isEqualTo("1767225600:u42");
        assertThat(u.password()).isEqualTo("Glel5Oaa+RpE5sztqZmX10d8IUo=");
        assertThat(u.urls()).containsExactly("turn:turn.example.org:3478?transport=udp");
        assertThat(TurnRest.password("signalbox-turn-secret", "1767225600:d7"))
                .isEqualTo("pEzd3RTxD09/g63zxoSpNK1kPN4=");
    }

    @Test
    void anIdWithTheSeparatorIsRefused() {
        assertThatThrownBy(() -> TurnRest.issue("s", "a:b", 0, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
