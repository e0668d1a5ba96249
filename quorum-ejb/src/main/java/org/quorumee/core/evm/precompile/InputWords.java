package org.quorumee.core.evm.precompile;

import java.math.BigInteger;

/**
 * Reads a precompile's input as the EVM presents it: any byte past the end of the input is zero.
 */
final class InputWords {
    private InputWords() {
    }

    /** Number of 32-byte words needed to hold {@code length} bytes (rounded up). */
    static long wordCount(long length) {
        return (length + 31) / 32;
    }

    /** {@code length} bytes of {@code input} from {@code offset}, zero-padded past its end. */
    static byte[] slice(byte[] input, long offset, int length) {
        byte[] out = new byte[length];
        if (offset < input.length) {
            int from = (int) offset;
            System.arraycopy(input, from, out, 0, Math.min(length, input.length - from));
        }
        return out;
    }

    /** The unsigned big-endian number in {@code length} bytes at {@code offset} (zero-padded). */
    static BigInteger unsigned(byte[] input, long offset, int length) {
        return new BigInteger(1, slice(input, offset, length));
    }

    /** {@code value} as exactly {@code length} big-endian bytes; the value must fit. */
    static byte[] leftPad(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
