package org.quorumee.core.privacy.enclave;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * NaCl's {@code crypto_box} (curve25519xsalsa20poly1305) and {@code crypto_secretbox}
 * (xsalsa20poly1305) on Bouncy Castle's primitives, in the form Tessera uses them: a sealed message
 * is the 16-byte Poly1305 authenticator followed by the XSalsa20 cipher text (libsodium's "easy"
 * layout; NaCl's 16 leading zero bytes left out), so a sealed 32-byte master key is 48 bytes.
 */
public final class Nacl {
    /** Curve25519 keys and the precomputed shared key: 32 bytes. */
    public static final int KEY_LENGTH = 32;
    /** XSalsa20 nonces: 24 bytes. */
    public static final int NONCE_LENGTH = 24;
    /** The Poly1305 authenticator: 16 bytes. */
    public static final int MAC_LENGTH = 16;

    /** "expand 32-byte k", little-endian words: Salsa20's constant. */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private Nacl() {
    }

    /** The public key of a private key (NaCl's {@code crypto_scalarmult_base}; the scalar is clamped). */
    public static byte[] publicKey(byte[] privateKey) {
        requireLength("private key", privateKey, KEY_LENGTH);
        byte[] out = new byte[KEY_LENGTH];
        X25519.scalarMultBase(privateKey, 0, out, 0);
        return out;
    }

    /**
     * NaCl's {@code crypto_box_beforenm}: HSalsa20 of the X25519 shared point, the key that seals
     * between the two parties in either direction.
     *
     * @throws DecryptionException if the public key is of low order (the shared point is zero)
     */
    public static byte[] sharedKey(byte[] theirPublicKey, byte[] ourPrivateKey) {
        requireLength("public key", theirPublicKey, KEY_LENGTH);
        requireLength("private key", ourPrivateKey, KEY_LENGTH);
        byte[] point = new byte[KEY_LENGTH];
        if (!X25519.calculateAgreement(ourPrivateKey, 0, theirPublicKey, 0, point, 0)) {
            throw new DecryptionException("the public key is of low order: no shared key");
        }
        return hsalsa20(point, new byte[16]);
    }

    /** NaCl's {@code crypto_secretbox_easy}: authenticator followed by cipher text. */
    public static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
        XSalsa20Engine cipher = cipher(nonce, key);
        byte[] out = new byte[MAC_LENGTH + message.length];
        byte[] macKey = new byte[KEY_LENGTH];
        cipher.processBytes(macKey, 0, KEY_LENGTH, macKey, 0);
        cipher.processBytes(message, 0, message.length, out, MAC_LENGTH);
        mac(macKey, out, MAC_LENGTH, message.length, out, 0);
        return out;
    }

    /**
     * NaCl's {@code crypto_secretbox_open_easy}.
     *
     * @throws DecryptionException if the authenticator does not match
     */
    public static byte[] open(byte[] sealed, byte[] nonce, byte[] key) {
        if (sealed.length < MAC_LENGTH) {
            throw new DecryptionException("sealed bytes are at least " + MAC_LENGTH + " long, found " + sealed.length);
        }
        XSalsa20Engine cipher = cipher(nonce, key);
        byte[] macKey = new byte[KEY_LENGTH];
        cipher.processBytes(macKey, 0, KEY_LENGTH, macKey, 0);
        int length = sealed.length - MAC_LENGTH;
        byte[] expected = new byte[MAC_LENGTH];
        mac(macKey, sealed, MAC_LENGTH, length, expected, 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOf(sealed, MAC_LENGTH))) {
            throw new DecryptionException("the authenticator does not match: wrong key or nonce, or changed bytes");
        }
        byte[] out = new byte[length];
        cipher.processBytes(sealed, MAC_LENGTH, length, out, 0);
        return out;
    }

    private static XSalsa20Engine cipher(byte[] nonce, byte[] key) {
        requireLength("nonce", nonce, NONCE_LENGTH);
        requireLength("key", key, KEY_LENGTH);
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    /** Poly1305 with a one-time key (r is clamped by Bouncy Castle), as crypto_onetimeauth. */
    private static void mac(byte[] macKey, byte[] in, int offset, int length, byte[] out, int outOffset) {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(macKey));
        poly.update(in, offset, length);
        poly.doFinal(out, outOffset);
    }

    /** HSalsa20: the Salsa20 rounds without the final addition, words 0, 5, 10, 15, 6, 7, 8, 9. */
    static byte[] hsalsa20(byte[] key, byte[] input16) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            state[1 + i] = littleEndian(key, 4 * i);
            state[11 + i] = littleEndian(key, 16 + 4 * i);
            state[6 + i] = littleEndian(input16, 4 * i);
        }
        int[] x = new int[16];
        // salsaCore adds the input back; subtracting it again leaves the bare rounds
        Salsa20Engine.salsaCore(20, state, x);
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[32];
        for (int i = 0; i < words.length; i++) {
            int w = x[words[i]] - state[words[i]];
            out[4 * i] = (byte) w;
            out[4 * i + 1] = (byte) (w >>> 8);
            out[4 * i + 2] = (byte) (w >>> 16);
            out[4 * i + 3] = (byte) (w >>> 24);
        }
        return out;
    }

    private static int littleEndian(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | (b[offset + 3] & 0xff) << 24;
    }

    private static void requireLength(String what, byte[] bytes, int length) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException("a " + what + " is " + length + " bytes, found "
                    + (bytes == null ? "none" : bytes.length));
        }
    }
}
