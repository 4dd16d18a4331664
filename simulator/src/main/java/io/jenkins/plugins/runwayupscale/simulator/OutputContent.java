package io.jenkins.plugins.runwayupscale.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a simulated output video: a fixed pseudo-random block repeated, so any size can be streamed without
 * memory and tests can recompute what they should have received.
 */
public final class OutputContent {
    private static final int BLOCK = 1 << 20;
    private static final byte[] PATTERN = pattern();

    private OutputContent() {}

    private static byte[] pattern() {
        byte[] bytes = new byte[BLOCK];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < bytes.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    /** The byte at a position of every output. */
    public static byte byteAt(long position) {
        return PATTERN[(int) (position % BLOCK)];
    }

    /** The first {@code size} bytes of every output, in memory (for tests with small outputs). */
    public static byte[] bytes(int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = byteAt(i);
        }
        return out;
    }

    /** The SHA-256 (lower-case hex) of an output of {@code size} bytes, for checking big downloads. */
    public static String sha256(long size) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (long left = size; left > 0; left -= BLOCK) {
                digest.update(PATTERN, 0, (int) Math.min(BLOCK, left));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Writes the first {@code size} bytes in big blocks, so a 1 GB download costs no more memory than a small one. */
    static void write(OutputStream out, long size) throws IOException {
        for (long left = size; left > 0; left -= BLOCK) {
            out.write(PATTERN, 0, (int) Math.min(BLOCK, left));
        }
    }
}
