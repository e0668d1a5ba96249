package org.quorumee.core.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * scrypt (Percival; RFC 7914) without RFC 7914's bound N &lt; 2^(16 r), which Bouncy Castle's
 * {@code SCrypt} enforces but geth does not: the Web3 Secret Storage test vector itself uses
 * N = 2^18 with r = 1. The salsa20/8 core is Bouncy Castle's.
 */
final class Scrypt {
    private Scrypt() {
    }

    /** scrypt(password, salt, n, r, p) of {@code dkLen} bytes; n must be a power of two above 1. */
    static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int dkLen) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt n must be a power of two above 1, not " + n);
        }
        if (r < 1 || p < 1 || (long) 128 * r * p > Integer.MAX_VALUE || (long) 32 * r * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scrypt parameters r=" + r + " p=" + p + " n=" + n + " are too large");
        }
        int blockInts = 32 * r;
        byte[] b = pbkdf2Sha256(password, salt, 128 * r * p);
        int[] x = new int[blockInts];
        int[] v = new int[blockInts * n];
        int[] scratch = new int[blockInts];
        int[] t = new int[16];
        int[] salsaOut = new int[16];
        for (int i = 0; i < p; i++) {
            int offset = i * 128 * r;
            for (int k = 0; k < blockInts; k++) {
                x[k] = littleEndianInt(b, offset + 4 * k);
            }
            roMix(x, v, scratch, t, salsaOut, n, r);
            for (int k = 0; k < blockInts; k++) {
                writeLittleEndianInt(x[k], b, offset + 4 * k);
            }
        }
        return pbkdf2Sha256(password, b, dkLen);
    }

    private static void roMix(int[] x, int[] v, int[] scratch, int[] t, int[] salsaOut, int n, int r) {
        int blockInts = 32 * r;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, i * blockInts, blockInts);
            blockMix(x, scratch, t, salsaOut, r);
        }
        for (int i = 0; i < n; i++) {
            // Integerify: the first word of the last 64-byte block, modulo n.
            int j = x[(2 * r - 1) * 16] & (n - 1);
            int base = j * blockInts;
            for (int k = 0; k < blockInts; k++) {
                x[k] ^= v[base + k];
            }
            blockMix(x, scratch, t, salsaOut, r);
        }
    }

    /** BlockMix with salsa20/8: output blocks in the order Y0, Y2, ..., Y1, Y3, ... */
    private static void blockMix(int[] b, int[] y, int[] t, int[] salsaOut, int r) {
        System.arraycopy(b, (2 * r - 1) * 16, t, 0, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                t[k] ^= b[i * 16 + k];
            }
            Salsa20Engine.salsaCore(8, t, salsaOut);
            System.arraycopy(salsaOut, 0, t, 0, 16);
            int target = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            System.arraycopy(t, 0, y, target, 16);
        }
        System.arraycopy(y, 0, b, 0, 32 * r);
    }

    private static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, 1);
        return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
    }

    private static int littleEndianInt(byte[] in, int offset) {
        return (in[offset] & 0xff) | (in[offset + 1] & 0xff) << 8 | (in[offset + 2] & 0xff) << 16 | (in[offset + 3] & 0xff) << 24;
    }

    private static void writeLittleEndianInt(int value, byte[] out, int offset) {
        out[offset] = (byte) value;
        out[offset + 1] = (byte) (value >>> 8);
        out[offset + 2] = (byte) (value >>> 16);
        out[offset + 3] = (byte) (value >>> 24);
    }
}
