package org.signalbox.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes, read in chunks of any size against any limit: every line is within the limit, no line holds a
 * newline, and the lines (or their too-long markers) account for every newline of the input. Runs its seeds in
 * every build and fuzzes with {@code JAZZER_FUZZ=1}.
 */
class LineReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void linesNeverExceedTheLimitAndNothingIsLost(FuzzedDataProvider data) throws IOException {
        int limit = data.consumeInt(1, 64);
        int chunk = data.consumeInt(1, 16);
        byte[] input = data.consumeRemainingAsBytes();
        InputStream in = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk)); // a socket hands over bytes as they come
            }
        };
        LineReader reader = new LineReader(in, limit);
        int lines = 0;
        for (LineReader.Line line = reader.next(); !(line instanceof LineReader.End); line = reader.next()) {
            lines++;
            if (line instanceof LineReader.Text t) {
                assertThat(t.value()).doesNotContain("\n");
                assertThat(t.value().getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(limit * 3); // replacement chars may widen invalid bytes
            } else {
                assertThat(((LineReader.TooLong) line).limit()).isEqualTo(limit);
            }
            assertThat(lines).isLessThanOrEqualTo(input.length + 1);
        }
        int newlines = 0;
        for (byte b : input) {
            newlines += b == '\n' ? 1 : 0;
        }
        boolean unterminated = input.length > 0 && input[input.length - 1] != '\n';
        assertThat(lines).isEqualTo(newlines + (unterminated ? 1 : 0));
    }
}
