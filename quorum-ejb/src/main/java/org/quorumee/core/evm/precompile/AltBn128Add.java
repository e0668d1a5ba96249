package org.quorumee.core.evm.precompile;

import org.quorumee.core.evm.precompile.bn254.Bn254;
import org.quorumee.core.evm.precompile.bn254.InvalidPointException;

/**
 * 0x06: addition on the BN254 curve G1 (EIP-196), gas 150 (EIP-1108). Input: two 64-byte points,
 * zero-padded to 128 bytes (extra bytes ignored). An invalid point fails the call.
 */
public final class AltBn128Add implements PrecompiledContract {
    @Override
    public long gasRequirement(byte[] input) {
        return 150;
    }

    @Override
    public byte[] compute(byte[] input) {
        try {
            return Bn254.g1Add(InputWords.slice(input, 0, 64), InputWords.slice(input, 64, 64));
        } catch (InvalidPointException e) {
            return null;
        }
    }
}
