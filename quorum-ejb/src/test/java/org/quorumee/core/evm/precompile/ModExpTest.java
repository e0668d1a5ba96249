package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 0x05 against a reference written here from EIP-198 (layout, zero-padding) and EIP-2565 (gas):
 * the input is padded to its declared size, the numbers read whole with {@link BigInteger}, the
 * result taken from {@link BigInteger#modPow}.
 */
class ModExpTest {
    private static final BigInteger MAX_WORD = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private final ModExp modExp = new ModExp();

    @Test
    void randomInputsMatchModPowAndTheEip2565Price() {
        Random random = new Random(198);
        for (int i = 0; i < 2000; i++) {
            int baseLength = randomLength(random);
            int exponentLength = randomLength(random);
            int modulusLength = randomLength(random);
            byte[] input = concat(head(baseLength, exponentLength, modulusLength),
                    randomBytes(random, baseLength + exponentLength + modulusLength));
            check(input);
            // the same input cut short anywhere (missing bytes read as zero) or with bytes to spare
            check(Arrays.copyOf(input, random.nextInt(input.length + 1)));
            check(concat(input, randomBytes(random, 1 + random.nextInt(40))));
        }
    }

    @Test
    void edgeCases() {
        // nothing at all: every length zero, empty output, minimum price
        check(new byte[0]);
        assertArrayEquals(new byte[0], modExp.compute(new byte[0]));
        assertEquals(200, modExp.gasRequirement(new byte[0]));
        // zero-length base, exponent or modulus, and the values 0 and 1 in each role
        byte[][] values = {new byte[0], {0}, {1}, {0, 0}, {0, 1}, {(byte) 0xff}, {2}, {0, 0, 7}};
        for (byte[] base : values) {
            for (byte[] exponent : values) {
                for (byte[] modulus : values) {
                    check(concat(head(base.length, exponent.length, modulus.length), base, exponent, modulus));
                }
            }
        }
        // 0^0 = 1, anything mod 1 = 0, anything mod 0 = 0
        assertArrayEquals(new byte[] {1}, modExp.compute(concat(head(1, 1, 1), new byte[] {0, 0, 5})));
        assertArrayEquals(new byte[] {0, 0}, modExp.compute(concat(head(1, 1, 2), new byte[] {3, 4, 0, 1})));
        assertArrayEquals(new byte[] {0}, modExp.compute(concat(head(1, 1, 1), new byte[] {3, 4, 0})));
        // a long exponent: its price counts the bytes past the first 32
        byte[] longExponent = new byte[64];
        longExponent[0] = 1;
        check(concat(head(1, 64, 1), new byte[] {3}, longExponent, new byte[] {7}));
        check(concat(head(1, 64, 1), new byte[] {3}, new byte[64], new byte[] {7}));
    }

    @Test
    void hugeDeclaredLengthsArePricedWithoutAllocating() {
        BigInteger[] huge = {BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(64), MAX_WORD};
        for (BigInteger length : huge) {
            // words = ceil(length / 8), squared; a zero exponent counts as one iteration
            BigInteger words = length.add(BigInteger.valueOf(7)).shiftRight(3);
            long byOperand = saturated(words.multiply(words).divide(BigInteger.valueOf(3)));
            assertEquals(byOperand, modExp.gasRequirement(head(length, BigInteger.ONE, BigInteger.ONE)));
            assertEquals(byOperand, modExp.gasRequirement(head(BigInteger.ONE, BigInteger.ONE, length)));
            // one word, 8 iterations per exponent byte past the first 32
            long byExponent = saturated(length.subtract(BigInteger.valueOf(32)).shiftLeft(3).divide(BigInteger.valueOf(3)));
            assertEquals(byExponent, modExp.gasRequirement(head(BigInteger.ONE, length, BigInteger.ONE)));
            // never payable, but refused cleanly if ever computed
            assertNull(modExp.compute(head(length, BigInteger.ONE, BigInteger.ONE)));
            // no modulus: nothing to compute, whatever the other lengths say
            byte[] noModulus = head(length, length, BigInteger.ZERO);
            assertArrayEquals(new byte[0], modExp.compute(noModulus));
        }
        // an empty modulus and base with a huge exponent length costs the minimum: no words to multiply
        assertEquals(200, modExp.gasRequirement(head(BigInteger.ZERO, MAX_WORD, BigInteger.ZERO)));
        // the largest lengths saturate rather than wrap
        assertEquals(Long.MAX_VALUE, modExp.gasRequirement(head(MAX_WORD, BigInteger.ONE, BigInteger.ONE)));
        assertEquals(Long.MAX_VALUE, modExp.gasRequirement(head(BigInteger.ONE, MAX_WORD, BigInteger.ONE)));
    }

    private static long saturated(BigInteger gas) {
        return gas.min(BigInteger.valueOf(Long.MAX_VALUE)).max(BigInteger.valueOf(200)).longValueExact();
    }

    @Test
    void eip2565PriceExamples() {
        // one word, exponent 3 (bit length 2, so one iteration): 1 * 1 / 3 -> the floor of 200
        assertEquals(200, modExp.gasRequirement(concat(head(1, 1, 1), new byte[] {2, 3, 5})));
        // 512-byte operands (64 words) and a 2^255 exponent (255 iterations): 4096 * 255 / 3
        byte[] exponent = new byte[32];
        exponent[0] = (byte) 0x80;
        byte[] input = concat(head(512, 32, 512), new byte[512], exponent, new byte[512]);
        assertEquals(4096L * 255 / 3, modExp.gasRequirement(input));
    }

    private void check(byte[] input) {
        assertEquals(referenceGas(input), modExp.gasRequirement(input), () -> "gas of " + Arrays.toString(input));
        assertArrayEquals(referenceOutput(input), modExp.compute(input), () -> "output of " + Arrays.toString(input));
    }

    /** EIP-198: the three numbers after the head, the input padded with zeros to its declared size. */
    private static byte[] referenceOutput(byte[] input) {
        byte[] head = Arrays.copyOf(input, 96);
        int baseLength = length(head, 0);
        int exponentLength = length(head, 1);
        int modulusLength = length(head, 2);
        byte[] body = Arrays.copyOf(input.length > 96 ? Arrays.copyOfRange(input, 96, input.length) : new byte[0],
                baseLength + exponentLength + modulusLength);
        BigInteger base = new BigInteger(1, Arrays.copyOfRange(body, 0, baseLength));
        BigInteger exponent = new BigInteger(1, Arrays.copyOfRange(body, baseLength, baseLength + exponentLength));
        BigInteger modulus = new BigInteger(1, Arrays.copyOfRange(body, baseLength + exponentLength, body.length));
        if (modulusLength == 0) {
            return new byte[0];
        }
        BigInteger result = modulus.signum() == 0 ? BigInteger.ZERO : base.modPow(exponent, modulus);
        return InputWords.leftPad(result, modulusLength);
    }

    /** EIP-2565 for small lengths: max(200, ceil(max(b, m) / 8)^2 * max(1, iterations) / 3). */
    private static long referenceGas(byte[] input) {
        byte[] head = Arrays.copyOf(input, 96);
        int baseLength = length(head, 0);
        int exponentLength = length(head, 1);
        int modulusLength = length(head, 2);
        byte[] body = Arrays.copyOf(input.length > 96 ? Arrays.copyOfRange(input, 96, input.length) : new byte[0],
                baseLength + exponentLength);
        BigInteger exponent = new BigInteger(1, Arrays.copyOfRange(body, baseLength, baseLength + exponentLength));
        long words = (Math.max(baseLength, modulusLength) + 7) / 8;
        long iterations;
        if (exponentLength <= 32) {
            iterations = exponent.signum() == 0 ? 0 : exponent.bitLength() - 1;
        } else {
            BigInteger firstWord = exponent.shiftRight(8 * (exponentLength - 32));
            iterations = 8L * (exponentLength - 32) + (firstWord.signum() == 0 ? 0 : firstWord.bitLength() - 1);
        }
        return Math.max(200, words * words * Math.max(1, iterations) / 3);
    }

    private static int length(byte[] head, int index) {
        return new BigInteger(1, Arrays.copyOfRange(head, 32 * index, 32 * index + 32)).intValueExact();
    }

    /** Mostly short, some empty, some a few words long. */
    private static int randomLength(Random random) {
        int kind = random.nextInt(10);
        return kind == 0 ? 0 : kind < 7 ? 1 + random.nextInt(33) : 33 + random.nextInt(200);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        if (length > 0 && random.nextInt(4) == 0) {
            out[0] = 0; // leading zeros must not change a number
        }
        return out;
    }

    private static byte[] head(long baseLength, long exponentLength, long modulusLength) {
        return head(BigInteger.valueOf(baseLength), BigInteger.valueOf(exponentLength), BigInteger.valueOf(modulusLength));
    }

    private static byte[] head(BigInteger baseLength, BigInteger exponentLength, BigInteger modulusLength) {
        return concat(InputWords.leftPad(baseLength, 32), InputWords.leftPad(exponentLength, 32),
                InputWords.leftPad(modulusLength, 32));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
