package org.quorumee.core.evm;

import java.util.Arrays;

/** The byte-addressed memory of one call frame, grown in 32-byte words and paid for quadratically. */
final class Memory {
    /** Larger memory is refused as out of gas (it would cost more than 2^41 gas anyway). */
    static final long LIMIT = 1L << 30;

    private byte[] data = new byte[0];
    private int size;

    /** Active size in bytes (a multiple of 32). */
    int size() {
        return size;
    }

    byte[] data() {
        return data;
    }

    static long cost(long words) {
        return 3 * words + words * words / 512;
    }

    /**
     * Gas to make [offset, offset + length) addressable: zero for an empty range; Long.MAX_VALUE when
     * the range lies beyond {@link #LIMIT} (the caller then runs out of gas).
     */
    long expansionCost(long offset, long length) {
        if (length == 0) {
            return 0;
        }
        if (offset > LIMIT || length > LIMIT || offset + length > LIMIT) {
            return Long.MAX_VALUE;
        }
        long words = (offset + length + 31) >>> 5;
        long current = size >>> 5;
        return words <= current ? 0 : cost(words) - cost(current);
    }

    /** Grows to cover the range (already paid for). */
    void expand(long offset, long length) {
        if (length == 0) {
            return;
        }
        int end = (int) (((offset + length + 31) >>> 5) << 5);
        if (end > size) {
            if (end > data.length) {
                data = Arrays.copyOf(data, Math.max(end, Math.min(data.length * 2, (int) LIMIT)));
            }
            size = end;
        }
    }

    /** A copy of [offset, offset + length) (already expanded). */
    byte[] read(long offset, long length) {
        if (length == 0) {
            return new byte[0];
        }
        return Arrays.copyOfRange(data, (int) offset, (int) (offset + length));
    }

    /**
     * Writes {@code length} bytes from {@code source} at {@code sourceOffset}, zero-filling what lies
     * beyond the end of the source (CALLDATACOPY, CODECOPY, EXTCODECOPY).
     */
    void copyPadded(long offset, byte[] source, long sourceOffset, long length) {
        if (length == 0) {
            return;
        }
        int dest = (int) offset;
        int len = (int) length;
        int available = sourceOffset >= source.length ? 0 : (int) Math.min(len, source.length - sourceOffset);
        if (available > 0) {
            System.arraycopy(source, (int) sourceOffset, data, dest, available);
        }
        Arrays.fill(data, dest + available, dest + len, (byte) 0);
    }
}
