package org.quorumee.core.evm.precompile;

import java.math.BigInteger;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.crypto.Secp256k1;

/**
 * 0x01: the address that signed a hash, gas 3000. Input (zero-padded to 128 bytes): hash, v, r, s
 * as 32-byte words. Output: the address left-padded to 32 bytes, or empty output when v is not 27
 * or 28, r or s is not in [1, n-1], or no key can be recovered. Bad signatures never fail the
 * call: only the output is empty.
 */
public final class EcRecover implements PrecompiledContract {
    private static final BigInteger V_27 = BigInteger.valueOf(27);
    private static final BigInteger V_28 = BigInteger.valueOf(28);

    @Override
    public long gasRequirement(byte[] input) {
        return 3000;
    }

    @Override
    public byte[] compute(byte[] input) {
        byte[] hash = InputWords.slice(input, 0, 32);
        BigInteger v = InputWords.unsigned(input, 32, 32);
        BigInteger r = InputWords.unsigned(input, 64, 32);
        BigInteger s = InputWords.unsigned(input, 96, 32);
        if (!v.equals(V_27) && !v.equals(V_28)) {
            return new byte[0];
        }
        try {
            byte[] publicKey = Secp256k1.recover(hash, r, s, v.intValue() - 27);
            byte[] out = new byte[32];
            System.arraycopy(Secp256k1.toAddress(publicKey).toArray(), 0, out, 12, 20);
            return out;
        } catch (InvalidSignatureException e) {
            return new byte[0];
        }
    }
}
