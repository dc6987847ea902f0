package io.modelshift.gateway.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A growable UTF-8 JSON buffer for a fixed schema: the caller writes names and separators as pre-encoded bytes, this
 * writes values. Strings are escaped as JSON requires (quote, backslash, control characters) and encoded as UTF-8,
 * an unpaired surrogate as {@code ?} (as {@link String#getBytes} does); doubles as {@link Double#toString} writes
 * them (as Jackson does), non-finite ones as strings (as Jackson does by default). One per event loop, reused.
 */
final class JsonBytes {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;
    /** The second whose ISO-8601 text (without the zone) is in {@link #secondText}: consecutive records share it. */
    private long second = Long.MIN_VALUE;
    private byte[] secondText;

    JsonBytes(int capacity) {
        bytes = new byte[capacity];
    }

    JsonBytes reset() {
        length = 0;
        return this;
    }

    int capacity() {
        return bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    JsonBytes raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, length, ascii.length);
        length += ascii.length;
        return this;
    }

    /** A member's name, {@code nameColon} being {@code "name":} pre-encoded; the comma before it when needed. */
    JsonBytes field(byte[] nameColon) {
        if (length > 0 && bytes[length - 1] != '{' && bytes[length - 1] != '[') {
            raw(',');
        }
        return raw(nameColon);
    }

    JsonBytes raw(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    JsonBytes bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    JsonBytes number(long value) {
        if (value == Long.MIN_VALUE) { // has no positive counterpart
            return ascii(Long.toString(value));
        }
        if (value < 0) {
            raw('-');
            value = -value;
        }
        int count = 1;
        for (long v = value; v >= 10; v /= 10) {
            count++;
        }
        return digits(value, count);
    }

    JsonBytes number(double value) {
        String text = Double.toString(value);
        return Double.isFinite(value) ? ascii(text) : string(text);
    }

    /** As ISO-8601 in UTC, the way {@link Instant#toString} writes it: fraction in groups of 3 digits, if any. */
    JsonBytes time(Instant time) {
        if (time.getEpochSecond() != second) {
            String text = Instant.ofEpochSecond(time.getEpochSecond()).toString(); // ...THH:mm:ssZ
            secondText = text.substring(0, text.length() - 1).getBytes(StandardCharsets.US_ASCII);
            second = time.getEpochSecond();
        }
        raw('"').raw(secondText);
        int nanos = time.getNano();
        if (nanos != 0) {
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            raw('.').digits(digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos, digits);
        }
        return raw('Z').raw('"');
    }

    JsonBytes string(String value) {
        ensure(value.length() + 2);
        bytes[length++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                bytes[length++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                ensure(2);
                bytes[length++] = (byte) (0xc0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                ensure(4);
                bytes[length++] = (byte) (0xf0 | cp >> 18);
                bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
                bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                ensure(1);
                bytes[length++] = '?';
            } else {
                ensure(3);
                bytes[length++] = (byte) (0xe0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return raw('"');
    }

    /** A non-negative number as exactly {@code count} decimal digits, zero-padded on the left. */
    private JsonBytes digits(long value, int count) {
        ensure(count);
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
        return this;
    }

    /** Text known to be ASCII (numbers), copied without an intermediate byte array. */
    private JsonBytes ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    private void escape(char c) {
        ensure(6);
        bytes[length++] = '\\';
        switch (c) {
            case '"', '\\' -> bytes[length++] = (byte) c;
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
