package org.quorumee.core.rlp;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Writes an RLP structure into one growable buffer, without an array per item: the fast path for
 * transactions, headers and block bodies. Lists are opened and closed around their items; closing
 * a list writes its header in front of the payload (moving the payload down by the unused header
 * room, a short copy since lists nest shallowly). Not thread-safe; reusable after {@link #reset()}.
 *
 * <pre>{@code
 * RlpWriter w = new RlpWriter();
 * w.startList().writeLong(nonce).writeBytes(data).endList();
 * byte[] rlp = w.toByteArray();
 * }</pre>
 */
public final class RlpWriter {
    /** Room left for a list header: one byte and at most four of length. */
    private static final int MAX_LIST_HEADER = 5;

    private byte[] buffer;
    private int position;
    private int[] openLists = new int[8];
    private int depth;

    public RlpWriter() {
        this(256);
    }

    public RlpWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Opens a list; its items follow until {@link #endList()}. */
    public RlpWriter startList() {
        if (depth == openLists.length) {
            openLists = Arrays.copyOf(openLists, depth * 2);
        }
        ensure(MAX_LIST_HEADER);
        openLists[depth++] = position;
        position += MAX_LIST_HEADER;
        return this;
    }

    /** Closes the innermost open list. */
    public RlpWriter endList() {
        if (depth == 0) {
            throw new IllegalStateException("endList without a matching startList");
        }
        int start = openLists[--depth];
        int payloadStart = start + MAX_LIST_HEADER;
        int length = position - payloadStart;
        int headerLength = headerLength(length);
        if (headerLength < MAX_LIST_HEADER) {
            System.arraycopy(buffer, payloadStart, buffer, start + headerLength, length);
        }
        writeHeader(0xc0, length, start);
        position = start + headerLength + length;
        return this;
    }

    /** A byte string. */
    public RlpWriter writeBytes(byte[] value) {
        return writeBytes(value, 0, value.length);
    }

    /** A byte string taken from {@code value[offset .. offset+length)}. */
    public RlpWriter writeBytes(byte[] value, int offset, int length) {
        if (length == 1 && (value[offset] & 0xff) < 0x80) {
            ensure(1);
            buffer[position++] = value[offset];
            return this;
        }
        int headerLength = headerLength(length);
        ensure(headerLength + length);
        writeHeader(0x80, length, position);
        position += headerLength;
        System.arraycopy(value, offset, buffer, position, length);
        position += length;
        return this;
    }

    /** A scalar read as unsigned 64-bit (nonces and gas limits of 2^63 and above included). */
    public RlpWriter writeLong(long value) {
        ensure(9);
        if (value >= 0 && value < 0x80) {
            buffer[position++] = value == 0 ? (byte) 0x80 : (byte) value;
            return this;
        }
        int size = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        buffer[position++] = (byte) (0x80 + size);
        for (int i = size - 1; i >= 0; i--) {
            buffer[position++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** A non-negative scalar. */
    public RlpWriter writeBigInteger(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP scalars are non-negative: " + value);
        }
        if (value.bitLength() <= 63) {
            return writeLong(value.longValue());
        }
        byte[] bytes = value.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;
        return writeBytes(bytes, skip, bytes.length - skip);
    }

    /** An item that is already RLP (copied as is; the caller vouches for it). */
    public RlpWriter writeEncoded(byte[] rlp) {
        ensure(rlp.length);
        System.arraycopy(rlp, 0, buffer, position, rlp.length);
        position += rlp.length;
        return this;
    }

    /** A raw byte outside any RLP item (the type byte in front of a typed transaction). */
    public RlpWriter writeRawByte(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
        return this;
    }

    /** The bytes written; every list must be closed. */
    public byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " list(s) still open");
        }
        return Arrays.copyOf(buffer, position);
    }

    /** Bytes written so far. */
    public int size() {
        return position;
    }

    /** Forgets everything written, keeping the buffer. */
    public RlpWriter reset() {
        position = 0;
        depth = 0;
        return this;
    }

    private static int headerLength(int length) {
        if (length < 56) {
            return 1;
        }
        return 1 + (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
    }

    private void writeHeader(int base, int length, int at) {
        if (length < 56) {
            buffer[at] = (byte) (base + length);
            return;
        }
        int lengthBytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        buffer[at] = (byte) (base + 55 + lengthBytes);
        for (int i = 0; i < lengthBytes; i++) {
            buffer[at + 1 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
        }
    }

    private void ensure(int extra) {
        if (position + extra > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) position + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("RLP output above 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
