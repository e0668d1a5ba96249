package org.quorumee.core.consensus.ibft;

import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

/** Port: the node key that signs consensus messages and seals (a key file or an HSM behind it). */
public interface NodeSigner {

    /** The validator address of the key. */
    Address address();

    /** A secp256k1 signature of a 32-byte hash (the hash is signed as is, not hashed again). */
    Signature sign(byte[] hash);
}
