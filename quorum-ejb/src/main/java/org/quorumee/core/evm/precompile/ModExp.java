package org.quorumee.core.evm.precompile;

import java.math.BigInteger;

/**
 * 0x05: {@code base ^ exponent mod modulus} over arbitrary-length unsigned numbers (EIP-198),
 * priced by EIP-2565.
 *
 * <p>Input: three 32-byte lengths (base, exponent, modulus), then the three numbers back to back;
 * bytes past the end of the input read as zero. The declared lengths may be absurd (up to
 * 2^256 - 1): the price is computed without allocating them, and such a call can never be paid.
 * Output: the result as exactly modulus-length bytes.
 */
public final class ModExp implements PrecompiledContract {
    private static final long MIN_GAS = 200;
    private static final BigInteger MAX_GAS = BigInteger.valueOf(Long.MAX_VALUE);
    /** Lengths above this are unpayable (their gas saturates) and are refused if ever computed. */
    private static final BigInteger MAX_COMPUTED_LENGTH = BigInteger.valueOf(Integer.MAX_VALUE - 8);
    private static final int HEAD_OFFSET = 96;

    @Override
    public long gasRequirement(byte[] input) {
        BigInteger baseLength = InputWords.unsigned(input, 0, 32);
        BigInteger exponentLength = InputWords.unsigned(input, 32, 32);
        BigInteger modulusLength = InputWords.unsigned(input, 64, 32);

        BigInteger words = baseLength.max(modulusLength).add(BigInteger.valueOf(7)).shiftRight(3);
        BigInteger multiplicationComplexity = words.multiply(words);
        BigInteger iterations = iterationCount(input, baseLength, exponentLength).max(BigInteger.ONE);
        BigInteger gas = multiplicationComplexity.multiply(iterations).divide(BigInteger.valueOf(3));
        return Math.max(MIN_GAS, gas.min(MAX_GAS).longValue());
    }

    /** The "adjusted exponent length" of EIP-2565: roughly the bit length of the exponent. */
    private static BigInteger iterationCount(byte[] input, BigInteger baseLength, BigInteger exponentLength) {
        BigInteger exponentOffset = baseLength.add(BigInteger.valueOf(HEAD_OFFSET));
        int headLength = exponentLength.min(BigInteger.valueOf(32)).intValue();
        // Only the exponent's first 32 bytes are read; an offset past the input reads zeros.
        BigInteger head = exponentOffset.compareTo(BigInteger.valueOf(input.length)) >= 0
                ? BigInteger.ZERO
                : InputWords.unsigned(input, exponentOffset.longValueExact(), headLength);
        BigInteger headBits = BigInteger.valueOf(head.signum() == 0 ? 0 : head.bitLength() - 1);
        if (exponentLength.compareTo(BigInteger.valueOf(32)) <= 0) {
            return headBits;
        }
        return exponentLength.subtract(BigInteger.valueOf(32)).shiftLeft(3).add(headBits);
    }

    @Override
    public byte[] compute(byte[] input) {
        BigInteger baseLength = InputWords.unsigned(input, 0, 32);
        BigInteger exponentLength = InputWords.unsigned(input, 32, 32);
        BigInteger modulusLength = InputWords.unsigned(input, 64, 32);
        if (modulusLength.signum() == 0) {
            return new byte[0];
        }
        if (baseLength.compareTo(MAX_COMPUTED_LENGTH) > 0 || exponentLength.compareTo(MAX_COMPUTED_LENGTH) > 0
                || modulusLength.compareTo(MAX_COMPUTED_LENGTH) > 0) {
            return null;
        }
        int baseBytes = baseLength.intValue();
        int exponentBytes = exponentLength.intValue();
        int modulusBytes = modulusLength.intValue();
        long exponentOffset = HEAD_OFFSET + (long) baseBytes;
        long modulusOffset = exponentOffset + exponentBytes;

        BigInteger modulus = InputWords.unsigned(input, modulusOffset, modulusBytes);
        if (modulus.signum() == 0) {
            return new byte[modulusBytes];
        }
        BigInteger base = InputWords.unsigned(input, HEAD_OFFSET, baseBytes);
        BigInteger exponent = InputWords.unsigned(input, exponentOffset, exponentBytes);
        return InputWords.leftPad(base.modPow(exponent, modulus), modulusBytes);
    }
}
