package org.signalbox.api.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into UTF-8 lines at {@code \n} (a trailing {@code \r} is dropped). A line longer than the
 * limit is skipped to its end and reported, never buffered whole. For line-framed transports (stdio, sockets):
 * hand each {@link Text} to {@link Connection#receive} and each {@link TooLong} to {@link Connection#oversized}.
 */
public final class LineReader {

    /** What {@link #next} found. */
    public sealed interface Line permits Text, TooLong, End {
    }

    public record Text(String value) implements Line {
    }

    public record TooLong(long limit) implements Line {
    }

    public record End() implements Line {
    }

    private final InputStream in;
    private final long limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int filled;

    /** @param limit the longest line accepted, in bytes */
    public LineReader(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line, {@link TooLong} for one over the limit, {@link End} at the end of the stream. */
    public Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        boolean overflow = false;
        while (true) {
            if (position == filled) {
                filled = in.read(buffer);
                position = 0;
                if (filled <= 0) {
                    filled = 0;
                    if (length == 0 && !overflow) {
                        return new End();
                    }
                    return overflow ? new TooLong(limit) : text(line);
                }
            }
            int start = position;
            while (position < filled && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            length += chunk;
            if (!overflow && length > limit) {
                overflow = true;
                line = new ByteArrayOutputStream();
            }
            if (!overflow) {
                line.write(buffer, start, chunk);
            }
            if (position < filled) {
                position++; // the newline
                return overflow ? new TooLong(limit) : text(line);
            }
        }
    }

    private static Text text(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return new Text(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
    }
}
