package org.quorumee.core.privacy.enclave;

import java.util.Arrays;
import org.quorumee.core.privacy.BoxPublicKey;

/**
 * An enclave key: a Curve25519 private key (32 bytes, kept as generated; the scalar is clamped
 * where it is used) with its public key. Only the enclave and the key providers hold these.
 */
public final class BoxKeyPair {
    private final byte[] privateKey;
    private final BoxPublicKey publicKey;

    private BoxKeyPair(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = BoxPublicKey.of(Nacl.publicKey(privateKey));
    }

    /** The pair of a 32-byte private key. */
    public static BoxKeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != Nacl.KEY_LENGTH) {
            throw new IllegalArgumentException("a private key is " + Nacl.KEY_LENGTH + " bytes");
        }
        return new BoxKeyPair(privateKey.clone());
    }

    /** A fresh key: 32 random bytes (NaCl's {@code crypto_box_keypair}). */
    public static BoxKeyPair generate(RandomSource random) {
        return new BoxKeyPair(random.bytes(Nacl.KEY_LENGTH));
    }

    public BoxPublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the private key: for the enclave and for writing key files only. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** Overwrites the private key in memory (the pair is unusable afterwards). */
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
    }

    /** The public key only: the private key never reaches a log. */
    @Override
    public String toString() {
        return "BoxKeyPair{" + publicKey + "}";
    }
}
