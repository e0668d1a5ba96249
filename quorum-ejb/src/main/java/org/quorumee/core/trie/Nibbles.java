package org.quorumee.core.trie;

import java.util.Arrays;

/** Paths in the trie: one byte per nibble (half-byte, 0..15), and their hex-prefix encoding. */
final class Nibbles {
    static final byte[] EMPTY = new byte[0];

    private Nibbles() {
    }

    /** The nibbles of {@code key}, high half of each byte first. */
    static byte[] fromBytes(byte[] key) {
        byte[] out = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++) {
            out[2 * i] = (byte) ((key[i] >> 4) & 0xf);
            out[2 * i + 1] = (byte) (key[i] & 0xf);
        }
        return out;
    }

    /** The bytes of an even number of nibbles. */
    static byte[] toBytes(byte[] nibbles, int length) {
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
        }
        return out;
    }

    /** Length of the common prefix of {@code path} and {@code key} from {@code keyOffset}. */
    static int commonPrefix(byte[] path, byte[] key, int keyOffset) {
        int max = Math.min(path.length, key.length - keyOffset);
        int i = 0;
        while (i < max && path[i] == key[keyOffset + i]) {
            i++;
        }
        return i;
    }

    /** True when {@code key} from {@code keyOffset} starts with all of {@code path}. */
    static boolean startsWith(byte[] key, int keyOffset, byte[] path) {
        return commonPrefix(path, key, keyOffset) == path.length;
    }

    /** True when {@code key} from {@code keyOffset} is exactly {@code path}. */
    static boolean equalsRest(byte[] key, int keyOffset, byte[] path) {
        return key.length - keyOffset == path.length && startsWith(key, keyOffset, path);
    }

    static byte[] slice(byte[] nibbles, int from, int to) {
        return from == to ? EMPTY : Arrays.copyOfRange(nibbles, from, to);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /**
     * Hex-prefix encoding (Yellow Paper, appendix C): a flag nibble (2 for a leaf, +1 for an odd
     * length), a zero pad nibble when the length is even, then the path packed two nibbles a byte.
     */
    static byte[] hexPrefix(byte[] path, boolean leaf) {
        int flag = leaf ? 2 : 0;
        boolean odd = (path.length & 1) == 1;
        byte[] out = new byte[path.length / 2 + 1];
        int pos = 0;
        if (odd) {
            out[0] = (byte) (((flag | 1) << 4) | path[0]);
            pos = 1;
        } else {
            out[0] = (byte) (flag << 4);
        }
        for (int i = 1; i < out.length; i++) {
            out[i] = (byte) ((path[pos] << 4) | path[pos + 1]);
            pos += 2;
        }
        return out;
    }

    /** True when a hex-prefix encoded path carries the leaf flag. */
    static boolean isLeaf(byte[] encoded) {
        return encoded.length > 0 && ((encoded[0] >> 4) & 0xf & 2) != 0;
    }

    /** The path of a hex-prefix encoding; rejects unknown flags and a non-zero pad nibble. */
    static byte[] decodeHexPrefix(byte[] encoded) {
        if (encoded.length == 0) {
            throw new TrieException("empty hex-prefix path in a trie node");
        }
        int flag = (encoded[0] >> 4) & 0xf;
        if (flag > 3) {
            throw new TrieException("hex-prefix flag " + flag + " is not 0..3");
        }
        boolean odd = (flag & 1) == 1;
        if (!odd && (encoded[0] & 0xf) != 0) {
            throw new TrieException("hex-prefix pad nibble is not zero");
        }
        byte[] out = new byte[(encoded.length - 1) * 2 + (odd ? 1 : 0)];
        int pos = 0;
        if (odd) {
            out[pos++] = (byte) (encoded[0] & 0xf);
        }
        for (int i = 1; i < encoded.length; i++) {
            out[pos++] = (byte) ((encoded[i] >> 4) & 0xf);
            out[pos++] = (byte) (encoded[i] & 0xf);
        }
        return out;
    }
}
