package org.quorumee.core.privacy;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * The 64-byte name of an encrypted payload: SHA3-512 of its cipher text (Tessera's default digest).
 * It is what a private transaction carries as its data, and what the transaction manager's API
 * writes in base64.
 */
public final class PayloadHash {
    /** Length of a hash, in bytes. */
    public static final int LENGTH = 64;

    private final byte[] bytes;

    private PayloadHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** SHA3-512 of the cipher text. */
    public static PayloadHash ofCipherText(byte[] cipherText) {
        SHA3Digest digest = new SHA3Digest(512);
        digest.update(cipherText, 0, cipherText.length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return new PayloadHash(out);
    }

    /** The hash of these 64 bytes. */
    public static PayloadHash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a payload hash is " + LENGTH + " bytes, found "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new PayloadHash(bytes.clone());
    }

    /**
     * The hash written in standard base64.
     *
     * @throws IllegalArgumentException if the text is not base64 of 64 bytes
     */
    public static PayloadHash fromBase64(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a payload hash is required");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 payload hash: '" + text + "'");
        }
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException("a payload hash is " + LENGTH + " bytes, '" + text + "' has " + decoded.length);
        }
        return new PayloadHash(decoded);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
