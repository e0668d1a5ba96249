package org.quorumee.node.privacy.keys;

import java.util.Arrays;
import org.quorumee.core.privacy.enclave.LockedPrivateKey;

/**
 * What a {@code .key} file holds: the private key in the clear (Tessera's {@code "unlocked"}),
 * locked with a password (Tessera's {@code "argon2sbox"}), or wrapped by an AES key inside a PKCS#11
 * token (this node's {@code "pkcs11-aes-gcm"}: the key that opens it never leaves the token).
 */
public sealed interface PrivateKeyFile {

    /** Tessera's {@code {"type":"unlocked","data":{"bytes":"<base64>"}}}. */
    record Unlocked(byte[] privateKey) implements PrivateKeyFile {
        public Unlocked {
            privateKey = privateKey.clone();
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public String toString() {
            return "Unlocked{}";
        }
    }

    /** Tessera's {@code {"type":"argon2sbox","data":{"snonce","asalt","sbox","aopts"}}}. */
    record Locked(LockedPrivateKey key) implements PrivateKeyFile {
    }

    /**
     * {@code {"type":"pkcs11-aes-gcm","data":{"keyLabel","iv","wrapped"}}}: the private key sealed by
     * AES-256-GCM under the token's key of that label, the public key as associated data.
     */
    record Pkcs11Wrapped(String keyLabel, byte[] iv, byte[] wrapped) implements PrivateKeyFile {
        public Pkcs11Wrapped {
            iv = iv.clone();
            wrapped = wrapped.clone();
        }

        @Override
        public byte[] iv() {
            return iv.clone();
        }

        @Override
        public byte[] wrapped() {
            return wrapped.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pkcs11Wrapped other && keyLabel.equals(other.keyLabel) && Arrays.equals(iv, other.iv)
                    && Arrays.equals(wrapped, other.wrapped);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(wrapped);
        }
    }
}
