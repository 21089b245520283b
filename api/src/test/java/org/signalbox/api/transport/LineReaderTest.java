package org.signalbox.api.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsAtNewlinesAndDropsCarriageReturns() throws Exception {
        LineReader r = reader("a\r\n{\"x\":\"é\"}\n\nlast", 100);
        assertThat(r.next()).isEqualTo(new LineReader.Text("a"));
        assertThat(r.next()).isEqualTo(new LineReader.Text("{\"x\":\"é\"}"));
        assertThat(r.next()).isEqualTo(new LineReader.Text(""));
        assertThat(r.next()).isEqualTo(new LineReader.Text("last"));
        assertThat(r.next()).isInstanceOf(LineReader.End.class);
    }

    @Test
    void skipsAnOverlongLineAndGoesOn() throws Exception {
        String longLine = "x".repeat(200_000);
        LineReader r = reader(longLine + "\nnext\n", 1000);
        assertThat(r.next()).isEqualTo(new LineReader.TooLong(1000));
        assertThat(r.next()).isEqualTo(new LineReader.Text("next"));
        assertThat(r.next()).isInstanceOf(LineReader.End.class);
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws Exception {
        LineReader r = reader("y".repeat(1000) + "\n", 1000);
        assertThat(r.next()).isEqualTo(new LineReader.Text("y".repeat(1000)));
    }

    @Test
    void survivesInputArrivingByteByByte() throws Exception {
        byte[] bytes = "one\ntwo\n".getBytes(UTF_8);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        LineReader r = new LineReader(trickle, 100);
        assertThat(r.next()).isEqualTo(new LineReader.Text("one"));
        assertThat(r.next()).isEqualTo(new LineReader.Text("two"));
    }

    private static LineReader reader(String text, long limit) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(UTF_8)), limit);
    }
}
