package org.quorumee.core.crypto;

import org.quorumee.core.types.Address;

/** A secp256k1 private key (32 bytes) with its public key (64 bytes, x || y) and address. */
public final class KeyPair {
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final Address address;

    KeyPair(byte[] privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.address = Secp256k1.toAddress(publicKey);
    }

    /** The pair of a 32-byte private key. */
    public static KeyPair fromPrivateKey(byte[] privateKey) {
        byte[] copy = privateKey.clone();
        return new KeyPair(copy, Secp256k1.publicKey(copy));
    }

    /** A copy of the 32-byte private key. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** A copy of the 64-byte public key (uncompressed, without the 0x04 prefix). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public Address address() {
        return address;
    }

    /** Signs a 32-byte hash (see {@link Secp256k1#sign(byte[], byte[])}). */
    public Signature sign(byte[] hash) {
        return Secp256k1.sign(hash, privateKey);
    }

    /** The address only: the private key never reaches a log. */
    @Override
    public String toString() {
        return "KeyPair{" + address + "}";
    }
}
