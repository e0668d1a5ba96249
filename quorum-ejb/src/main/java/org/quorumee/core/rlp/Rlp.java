package org.quorumee.core.rlp;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive Length Prefix encoding (Yellow Paper, appendix B).
 *
 * <p>Encoding takes already-encoded items for lists, so that callers build nested structures bottom
 * up without an intermediate tree. Decoding is strict: only the one canonical encoding of a value is
 * accepted, and the whole input must be consumed.
 */
public final class Rlp {
    /** The encoding of the empty byte string (also of the scalar zero). */
    public static final byte[] EMPTY_STRING = {(byte) 0x80};
    /** The encoding of the empty list. */
    public static final byte[] EMPTY_LIST = {(byte) 0xc0};

    private Rlp() {
    }

    public static byte[] encodeBytes(byte[] value) {
        if (value.length == 1 && (value[0] & 0xff) < 0x80) {
            return value.clone();
        }
        byte[] out = prefix(0x80, value.length, value.length);
        System.arraycopy(value, 0, out, out.length - value.length, value.length);
        return out;
    }

    public static byte[] encodeList(byte[]... encodedItems) {
        return encodeList(List.of(encodedItems));
    }

    public static byte[] encodeList(List<byte[]> encodedItems) {
        int length = 0;
        for (byte[] item : encodedItems) {
            length += item.length;
        }
        byte[] out = prefix(0xc0, length, length);
        int pos = out.length - length;
        for (byte[] item : encodedItems) {
            System.arraycopy(item, 0, out, pos, item.length);
            pos += item.length;
        }
        return out;
    }

    /** A non-negative scalar: big-endian with no leading zeros; zero is the empty string. */
    public static byte[] encodeLong(long value) {
        if (value < 0) {
            return encodeBigInteger(new BigInteger(Long.toUnsignedString(value)));
        }
        return encodeBytes(minimalBytes(value));
    }

    /** A non-negative scalar: big-endian with no leading zeros; zero is the empty string. */
    public static byte[] encodeBigInteger(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP scalars are non-negative: " + value);
        }
        return encodeBytes(unsignedBytes(value));
    }

    /** The minimal big-endian bytes of a non-negative value; empty for zero. */
    public static byte[] unsignedBytes(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    /** The minimal big-endian bytes of a value read as unsigned; empty for zero. */
    public static byte[] minimalBytes(long value) {
        int size = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] out = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** A header for a payload of the given length, in an array with room for {@code extra} more bytes. */
    private static byte[] prefix(int base, int payloadLength, int extra) {
        if (payloadLength < 56) {
            byte[] out = new byte[1 + extra];
            out[0] = (byte) (base + payloadLength);
            return out;
        }
        byte[] len = minimalBytes(payloadLength);
        byte[] out = new byte[1 + len.length + extra];
        out[0] = (byte) (base + 55 + len.length);
        System.arraycopy(len, 0, out, 1, len.length);
        return out;
    }

    /** Decodes exactly one item that spans the whole input. */
    public static RlpItem decode(byte[] input) {
        return decode(input, 0, input.length);
    }

    /**
     * Decodes exactly one item that spans {@code input[offset .. offset+length)}, without copying:
     * the item is a view of {@code input}, which must not change afterwards.
     */
    public static RlpItem decode(byte[] input, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > input.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + input.length + " bytes");
        }
        if (length == 0) {
            throw new RlpException("empty input");
        }
        int limit = offset + length;
        RlpItem item = decodeAt(input, offset, limit);
        if (item.end() != limit) {
            throw new RlpException("trailing bytes after the item: " + (limit - item.end()));
        }
        checkChildren(item);
        return item;
    }

    /**
     * Decodes every nested item once, so malformed input fails here and not at a later read.
     * Iterative: input nested a hundred thousand lists deep must not overflow the stack.
     */
    private static void checkChildren(RlpItem root) {
        ArrayDeque<RlpItem> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            RlpItem item = pending.pop();
            if (item.isList()) {
                for (RlpItem child : item.items()) {
                    if (child.isList()) {
                        pending.push(child);
                    }
                }
            }
        }
    }

    /** Decodes the item at {@code offset}; it must end at or before {@code limit}. */
    static RlpItem decodeAt(byte[] in, int offset, int limit) {
        if (offset >= limit) {
            throw new RlpException("item expected at " + offset + " but the input ends");
        }
        int b = in[offset] & 0xff;
        if (b < 0x80) {
            return new RlpItem(in, offset, offset, 1, false);
        }
        if (b <= 0xb7) {
            int length = b - 0x80;
            checkFits(offset + 1, length, limit);
            if (length == 1 && (in[offset + 1] & 0xff) < 0x80) {
                throw new RlpException("single byte below 0x80 must not carry a prefix, at " + offset);
            }
            return new RlpItem(in, offset, offset + 1, length, false);
        }
        if (b < 0xc0) {
            int lengthOfLength = b - 0xb7;
            int length = readLength(in, offset + 1, lengthOfLength, limit);
            checkFits(offset + 1 + lengthOfLength, length, limit);
            return new RlpItem(in, offset, offset + 1 + lengthOfLength, length, false);
        }
        if (b <= 0xf7) {
            int length = b - 0xc0;
            checkFits(offset + 1, length, limit);
            return new RlpItem(in, offset, offset + 1, length, true);
        }
        int lengthOfLength = b - 0xf7;
        int length = readLength(in, offset + 1, lengthOfLength, limit);
        checkFits(offset + 1 + lengthOfLength, length, limit);
        return new RlpItem(in, offset, offset + 1 + lengthOfLength, length, true);
    }

    private static int readLength(byte[] in, int pos, int lengthOfLength, int limit) {
        if (pos + lengthOfLength > limit) {
            throw new RlpException("length of length runs past the end at " + pos);
        }
        if (lengthOfLength > 4) {
            throw new RlpException("length of " + lengthOfLength + " bytes is too large");
        }
        if (in[pos] == 0) {
            throw new RlpException("length with a leading zero at " + pos);
        }
        long length = 0;
        for (int i = 0; i < lengthOfLength; i++) {
            length = (length << 8) | (in[pos + i] & 0xff);
        }
        if (length < 56) {
            throw new RlpException("long form used for a length below 56 at " + pos);
        }
        if (length > Integer.MAX_VALUE) {
            throw new RlpException("length " + length + " is too large");
        }
        return (int) length;
    }

    private static void checkFits(int payloadStart, int length, int limit) {
        if ((long) payloadStart + length > limit) {
            throw new RlpException("item of " + length + " bytes at " + payloadStart + " runs past the end");
        }
    }

    /** Items of a list payload, each decoded strictly. */
    static List<RlpItem> children(byte[] in, int start, int end) {
        List<RlpItem> items = new ArrayList<>(Math.min(16, end - start));
        int pos = start;
        while (pos < end) {
            RlpItem item = decodeAt(in, pos, end);
            items.add(item);
            pos = item.end();
        }
        return items;
    }
}
