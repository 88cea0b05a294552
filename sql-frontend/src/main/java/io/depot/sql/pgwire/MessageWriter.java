package io.depot.sql.pgwire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds PostgreSQL backend messages (type byte, 4-byte length, body) in one growable buffer and
 * writes them out on {@link #flush}. A message is started with {@link #begin} and its length is
 * filled in by {@link #end}. Not thread-safe: one connection's thread writes.
 */
final class MessageWriter {
    private static final int FLUSH_BYTES = 64 * 1024;

    private final OutputStream out;
    private byte[] buffer = new byte[16 * 1024];
    private int size;
    private int messageStart = -1;

    MessageWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a message of this type; its length is patched in by {@link #end}. */
    MessageWriter begin(char type) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message " + (char) buffer[messageStart] + " was not ended");
        }
        ensure(5);
        messageStart = size;
        buffer[size++] = (byte) type;
        size += 4;
        return this;
    }

    /** Ends the current message; writes the buffer out when it has grown large (streaming rows). */
    void end() throws IOException {
        int length = size - messageStart - 1;
        putInt(buffer, messageStart + 1, length);
        messageStart = -1;
        if (size >= FLUSH_BYTES) {
            flush();
        }
    }

    MessageWriter int8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    MessageWriter int16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    MessageWriter int32(int value) {
        ensure(4);
        putInt(buffer, size, value);
        size += 4;
        return this;
    }

    /** A NUL-terminated UTF-8 string. */
    MessageWriter cstring(String value) {
        bytes(value.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    MessageWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    MessageWriter bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** ASCII text as bytes, without a terminator (digits, dates: no charset encoder needed). */
    MessageWriter ascii(CharSequence value) {
        int length = value.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    /** Reserves a 4-byte length field for a value that follows; returns its position for {@link #patchLength}. */
    int reserveLength() {
        ensure(4);
        int position = size;
        size += 4;
        return position;
    }

    /** Writes the number of bytes written after the field reserved at {@code position}. */
    void patchLength(int position) {
        putInt(buffer, position, size - position - 4);
    }

    void flush() throws IOException {
        if (messageStart >= 0) {
            throw new IllegalStateException("cannot flush inside a message");
        }
        out.write(buffer, 0, size);
        out.flush();
        size = 0;
        if (buffer.length > 1024 * 1024) {
            buffer = new byte[16 * 1024];
        }
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private static void putInt(byte[] target, int position, int value) {
        target[position] = (byte) (value >>> 24);
        target[position + 1] = (byte) (value >>> 16);
        target[position + 2] = (byte) (value >>> 8);
        target[position + 3] = (byte) value;
    }
}
