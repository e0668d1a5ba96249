package org.quorumee.core.crypto;

import org.quorumee.core.types.Address;

/**
 * Something that signs 32-byte hashes with a secp256k1 key it may never show: the node key (block
 * seals, consensus messages, the TLS certificate's proof), held in a file today and in an HSM later.
 */
public interface Signer {

    /** The 64-byte public key (x || y): for the node key, the enode ID. */
    byte[] publicKey();

    /** The address of the public key. */
    Address address();

    /** A recoverable, low-s signature of the 32-byte {@code hash}. */
    Signature sign(byte[] hash);

    /** A signer over a key held in memory. */
    static Signer of(KeyPair key) {
        return new Signer() {
            @Override
            public byte[] publicKey() {
                return key.publicKey();
            }

            @Override
            public Address address() {
                return key.address();
            }

            @Override
            public Signature sign(byte[] hash) {
                return key.sign(hash);
            }
        };
    }
}
