package io.depot.sql.pgwire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads PostgreSQL frontend messages: the untyped startup packet and then typed messages
 * (type byte, 4-byte length including itself, body). A body is read whole and then parsed
 * with {@link Body}.
 */
final class MessageReader {
    /** Larger messages are refused: a client cannot make the server allocate without bound. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final DataInputStream in;

    MessageReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The body of the startup-phase packet (length first, no type byte). */
    Body readStartup() throws IOException {
        int length = in.readInt();
        return new Body(readBody(length - 4));
    }

    /** The type of the next message, or -1 when the client closed the connection. */
    int readType() throws IOException {
        return in.read();
    }

    /** The body of the message whose type was just read. */
    Body readBody() throws IOException {
        return new Body(readBody(in.readInt() - 4));
    }

    private byte[] readBody(int length) throws IOException {
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new ProtocolException("message length[" + length + "] is out of range");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** A protocol violation: the connection is closed after an error message. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    /** One message body, read front to back. */
    static final class Body {
        private final byte[] bytes;
        private int position;

        Body(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        int int8() throws EOFException {
            need(1);
            return bytes[position++] & 0xFF;
        }

        int int16() throws EOFException {
            need(2);
            int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
            position += 2;
            return (short) value;
        }

        int int32() throws EOFException {
            need(4);
            int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                    | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        String cstring() throws EOFException {
            int end = position;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            if (end == bytes.length) {
                throw new EOFException("string without terminator");
            }
            String value = new String(bytes, position, end - position, StandardCharsets.UTF_8);
            position = end + 1;
            return value;
        }

        byte[] bytes(int length) throws EOFException {
            need(length);
            byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        /** The rest of the body. */
        byte[] rest() {
            byte[] value = java.util.Arrays.copyOfRange(bytes, position, bytes.length);
            position = bytes.length;
            return value;
        }

        private void need(int count) throws EOFException {
            if (count < 0 || position + count > bytes.length) {
                throw new EOFException("message is shorter than its fields");
            }
        }
    }
}
