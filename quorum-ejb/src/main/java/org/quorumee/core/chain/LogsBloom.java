package org.quorumee.core.chain;

import java.util.Arrays;
import java.util.Collection;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.types.Log;

/**
 * The 2048-bit bloom filter of a receipt or block (Yellow Paper, section 4.3.1): for the address and
 * each topic of every log, three bits chosen by the low 11 bits of the first three byte pairs of
 * its Keccak-256 hash. Immutable.
 */
public final class LogsBloom {
    public static final int BYTES = 256;
    /** The bloom with no bit set. */
    public static final LogsBloom EMPTY = new LogsBloom(new byte[BYTES]);

    private final byte[] bits;

    private LogsBloom(byte[] bits) {
        this.bits = bits;
    }

    /** The bloom of exactly 256 bytes (copied). */
    public static LogsBloom wrap(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a logs bloom is 256 bytes, not " + bytes.length);
        }
        return new LogsBloom(bytes.clone());
    }

    /** The bloom of all the logs. */
    public static LogsBloom of(Collection<Log> logs) {
        byte[] bits = new byte[BYTES];
        for (Log log : logs) {
            setBits(bits, log.address().toArray());
            for (byte[] topic : log.topics()) {
                setBits(bits, topic);
            }
        }
        return new LogsBloom(bits);
    }

    /** The union of two blooms (a block's bloom is the union of its receipts' blooms). */
    public LogsBloom or(LogsBloom other) {
        byte[] out = bits.clone();
        for (int i = 0; i < BYTES; i++) {
            out[i] |= other.bits[i];
        }
        return new LogsBloom(out);
    }

    /** False when {@code value} (an address or topic) is certainly absent; true when it may be there. */
    public boolean mightContain(byte[] value) {
        byte[] hash = Keccak.keccak256(value);
        for (int i = 0; i < 6; i += 2) {
            int bit = bitIndex(hash, i);
            if ((bits[BYTES - 1 - bit / 8] & (1 << (bit % 8))) == 0) {
                return false;
            }
        }
        return true;
    }

    private static void setBits(byte[] bits, byte[] value) {
        byte[] hash = Keccak.keccak256(value);
        for (int i = 0; i < 6; i += 2) {
            int bit = bitIndex(hash, i);
            bits[BYTES - 1 - bit / 8] |= (byte) (1 << (bit % 8));
        }
    }

    /** Bit numbered from the low end of the 2048-bit big-endian value. */
    private static int bitIndex(byte[] hash, int pair) {
        return (((hash[pair] & 0xff) << 8) | (hash[pair + 1] & 0xff)) & 2047;
    }

    /** A copy of the 256 bytes. */
    public byte[] toArray() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogsBloom other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return Hex.encode(bits);
    }
}
