package io.modelshift.localstack.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a tar stream (POSIX ustar, with GNU long names and pax headers skipped over): enough
 * for the MMLU release archive, without a compression library for one file.
 */
final class TarEntries {

    private static final int BLOCK = 512;

    /** Receives one regular file: its name and a stream limited to its bytes. */
    interface Visitor {
        void entry(String name, InputStream content) throws IOException;
    }

    private TarEntries() {
    }

    static void read(InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readBlock(in, header)) {
            if (isZero(header)) {
                return; // end of archive
            }
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String name = longName != null ? longName : name(header);
            longName = null;
            BoundedStream content = new BoundedStream(in, size);
            if (type == 'L') {
                longName = new String(content.readAllBytes(), StandardCharsets.UTF_8).replace("\0", "");
            } else if (type == '0' || type == '\0') {
                visitor.entry(name, content);
            }
            content.skipRest();
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            in.skipNBytes(padding);
        }
    }

    private static String name(byte[] h) {
        String name = field(h, 0, 100);
        String prefix = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar") ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int offset, int length) throws IOException {
        String s = field(h, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (entry size '" + s + "')");
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** One entry's bytes; never reads past them, and skips what the visitor left unread. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("truncated tar archive");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("truncated tar archive");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }
    }
}
