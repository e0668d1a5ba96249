package org.quorumee.core.evm.precompile;

import org.quorumee.core.evm.precompile.bn254.Bn254;
import org.quorumee.core.evm.precompile.bn254.InvalidPointException;

/**
 * 0x07: scalar multiplication on the BN254 curve G1 (EIP-196), gas 6000 (EIP-1108). Input: a
 * 64-byte point and a 32-byte unsigned scalar, zero-padded to 96 bytes. An invalid point fails.
 */
public final class AltBn128Mul implements PrecompiledContract {
    @Override
    public long gasRequirement(byte[] input) {
        return 6000;
    }

    @Override
    public byte[] compute(byte[] input) {
        try {
            return Bn254.g1Multiply(InputWords.slice(input, 0, 64), InputWords.unsigned(input, 64, 32));
        } catch (InvalidPointException e) {
            return null;
        }
    }
}
