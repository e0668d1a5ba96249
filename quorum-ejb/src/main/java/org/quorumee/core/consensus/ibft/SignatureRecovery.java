package org.quorumee.core.consensus.ibft;

import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

/**
 * Who signed a hash: every seal and message signature check goes through one of these, so that a
 * caller may put a cache in front (the same seal is checked by the message handler and again by
 * block import). The standard one is {@link #SECP256K1}.
 */
@FunctionalInterface
public interface SignatureRecovery {

    /**
     * Recovery with Bouncy Castle: 65 bytes {@code r || s || v} with v 0 or 1 (GoQuorum's form;
     * 27/28 are refused, as GoQuorum's recovery refuses them).
     */
    SignatureRecovery SECP256K1 = (hash, signature) -> {
        if (signature.length != 65) {
            throw new InvalidSignatureException("a seal is 65 bytes, not " + signature.length);
        }
        if ((signature[64] & 0xff) > 1) {
            throw new InvalidSignatureException("a seal's recovery id is 0 or 1, not " + (signature[64] & 0xff));
        }
        return Secp256k1.recoverAddress(hash, Signature.fromBytes(signature));
    };

    /**
     * The address whose key signed {@code hash} (32 bytes) with {@code signature} (65 bytes).
     *
     * @throws InvalidSignatureException when no address can be recovered
     */
    Address recover(byte[] hash, byte[] signature);
}
