package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The non-adjacent form of a non-negative integer: digits in {-1, 0, 1}, no two adjacent ones
 * non-zero, about a third of them non-zero (against half of the bits of the binary form). Where
 * negation is free (points, elements of the cyclotomic subgroup), a ladder over these digits saves
 * that many additions or multiplications.
 */
final class NonAdjacentForm {
    private NonAdjacentForm() {
    }

    /** The digits of {@code value}, least significant first; the last one is the leading 1 (or none for 0). */
    static byte[] of(BigInteger value) {
        byte[] digits = new byte[value.bitLength() + 1];
        BigInteger k = value;
        int length = 0;
        for (int i = 0; k.signum() > 0; i++) {
            if (k.testBit(0)) {
                // 1 when k = 1 mod 4, -1 when k = 3 mod 4: either way k - digit is divisible by 4
                digits[i] = (byte) (k.testBit(1) ? -1 : 1);
                k = k.subtract(BigInteger.valueOf(digits[i]));
            }
            k = k.shiftRight(1);
            length = i + 1;
        }
        return Arrays.copyOf(digits, length);
    }
}
