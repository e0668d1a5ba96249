package org.quorumee.core.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.quorumee.core.types.UInt256;

/** The long-limb arithmetic against BigInteger on random and edge-case words. */
class WordsTest {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);
    private final Random random = new Random(42);

    private BigInteger randomWord() {
        return switch (random.nextInt(8)) {
            case 6, 7 -> patterned();
            case 0 -> BigInteger.ZERO;
            case 1 -> MOD.subtract(BigInteger.ONE);
            case 2 -> BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
            case 3 -> BigInteger.ONE.shiftLeft(random.nextInt(256));
            default -> new BigInteger(256, random);
        };
    }

    /** 32-bit limbs drawn from the values that exercise division's corner cases. */
    private BigInteger patterned() {
        long[] choices = {0, 1, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0xfffffffeL};
        BigInteger v = BigInteger.ZERO;
        int limbs = 1 + random.nextInt(8);
        for (int i = 0; i < limbs; i++) {
            long limb = random.nextInt(4) == 0 ? random.nextInt() & 0xffffffffL : choices[random.nextInt(choices.length)];
            v = v.shiftLeft(32).or(BigInteger.valueOf(limb));
        }
        return v;
    }

    private void check(String name, int op, BinaryOperator<BigInteger> expected) {
        for (int i = 0; i < 20000; i++) {
            BigInteger a = randomWord();
            BigInteger b = randomWord();
            long[] s = new long[8];
            Words.store(s, 4, a); // top
            Words.store(s, 0, b);
            switch (op) {
                case 0 -> Words.add(s, 4, 0);
                case 1 -> Words.sub(s, 4, 0);
                case 2 -> Words.mul(s, 4, 0);
                case 3 -> Words.div(s, 4, 0);
                case 4 -> Words.mod(s, 4, 0);
                case 5 -> Words.exp(s, 4, 0);
                case 6 -> Words.shl(s, 4, 0);
                case 7 -> Words.shr(s, 4, 0, false);
                default -> throw new IllegalArgumentException();
            }
            assertEquals(expected.apply(a, b).mod(MOD), Words.get(s, 0).mod(MOD), name + "(" + a + ", " + b + ")");
        }
    }

    @Test
    void arithmeticMatchesBigInteger() {
        check("add", 0, BigInteger::add);
        check("sub", 1, BigInteger::subtract);
        check("mul", 2, BigInteger::multiply);
        check("div", 3, (a, b) -> b.signum() == 0 ? BigInteger.ZERO : a.divide(b));
        check("mod", 4, (a, b) -> b.signum() == 0 ? BigInteger.ZERO : a.mod(b));
        check("exp", 5, (a, b) -> a.modPow(b, MOD));
        check("shl", 6, (a, b) -> a.compareTo(BigInteger.valueOf(256)) >= 0 ? BigInteger.ZERO : b.shiftLeft(a.intValue()));
        check("shr", 7, (a, b) -> a.compareTo(BigInteger.valueOf(256)) >= 0 ? BigInteger.ZERO : b.shiftRight(a.intValue()));
    }

    @Test
    void modularArithmeticMatchesBigInteger() {
        for (int i = 0; i < 50000; i++) {
            BigInteger a = randomWord();
            BigInteger b = randomWord();
            BigInteger c = randomWord();
            long[] s = new long[12];
            Words.store(s, 8, a);
            Words.store(s, 4, b);
            Words.store(s, 0, c);
            Words.addmod(s, 8, 4, 0);
            assertEquals(c.signum() == 0 ? BigInteger.ZERO : a.add(b).mod(c), Words.get(s, 0), "addmod " + a + " " + b + " " + c);
            Words.store(s, 0, c);
            Words.mulmod(s, 8, 4, 0);
            assertEquals(c.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(c), Words.get(s, 0), "mulmod " + a + " " + b + " " + c);
        }
    }

    @Test
    void unsignedWordRoundTrips() {
        for (int i = 0; i < 1000; i++) {
            BigInteger v = randomWord();
            assertEquals(v, UInt256.fromBigInteger(v).toBigInteger());
            assertEquals(UInt256.fromBigInteger(v), UInt256.fromBytes(UInt256.fromBigInteger(v).toMinimalBytes()));
        }
    }
}
