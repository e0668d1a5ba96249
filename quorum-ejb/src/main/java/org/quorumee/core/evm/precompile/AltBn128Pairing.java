package org.quorumee.core.evm.precompile;

import org.quorumee.core.evm.precompile.bn254.Bn254;
import org.quorumee.core.evm.precompile.bn254.InvalidPointException;

/**
 * 0x08: the BN254 pairing check (EIP-197), gas 45000 + 34000 per pair (EIP-1108). Input: k pairs
 * of (G1 point, G2 point), 192 bytes each. Output: the 32-byte word 1 when the product of the
 * pairings is one, else 0. A length that is not a multiple of 192 or an invalid point fails.
 */
public final class AltBn128Pairing implements PrecompiledContract {
    private static final long BASE_GAS = 45_000;
    private static final long PAIR_GAS = 34_000;

    @Override
    public long gasRequirement(byte[] input) {
        return BASE_GAS + PAIR_GAS * (input.length / Bn254.PAIR_BYTES);
    }

    @Override
    public byte[] compute(byte[] input) {
        try {
            byte[] out = new byte[32];
            out[31] = (byte) (Bn254.pairingCheck(input) ? 1 : 0);
            return out;
        } catch (InvalidPointException e) {
            return null;
        }
    }
}
