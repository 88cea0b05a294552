package io.depot.storage.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array written in little-endian order, for encoded blocks and the footer. */
final class LittleEndianOutput {
    private ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    void writeByte(int value) {
        ensureRemaining(1);
        buffer.put((byte) value);
    }

    void writeInt(int value) {
        ensureRemaining(Integer.BYTES);
        buffer.putInt(value);
    }

    void writeLong(long value) {
        ensureRemaining(Long.BYTES);
        buffer.putLong(value);
    }

    void writeDouble(double value) {
        ensureRemaining(Double.BYTES);
        buffer.putDouble(value);
    }

    /** A 4-byte length, then the bytes. */
    void writeBytes(byte[] value) {
        writeInt(value.length);
        ensureRemaining(value.length);
        buffer.put(value);
    }

    /** The bytes alone, no length. */
    void writeRaw(byte[] value, int offset, int length) {
        ensureRemaining(length);
        buffer.put(value, offset, length);
    }

    /** Bytes written so far. */
    int length() {
        return buffer.position();
    }

    void writeString(String value) {
        writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void ensureRemaining(int bytes) {
        if (buffer.remaining() < bytes) {
            int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
            ByteBuffer grown = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            grown.put(buffer.array(), 0, buffer.position());
            buffer = grown;
        }
    }
}
