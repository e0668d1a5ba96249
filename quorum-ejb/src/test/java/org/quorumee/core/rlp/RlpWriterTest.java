package org.quorumee.core.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer must produce exactly what the item-by-item encoders of {@link Rlp} produce. */
class RlpWriterTest {

    @Test
    void matchesTheItemEncoders() {
        Random random = new Random(1);
        for (int round = 0; round < 2_000; round++) {
            RlpWriter writer = new RlpWriter(16);
            byte[] expected = randomStructure(random, writer, 0);
            assertArrayEquals(expected, writer.toByteArray());
        }
    }

    @Test
    void scalarsAtTheEdges() {
        long[] longs = {0, 1, 0x7f, 0x80, 0xff, 0x100, Long.MAX_VALUE, -1L, Long.MIN_VALUE};
        for (long value : longs) {
            assertArrayEquals(Rlp.encodeLong(value), new RlpWriter().writeLong(value).toByteArray(), Long.toString(value));
        }
        BigInteger[] bigs = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO.pow(63), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)};
        for (BigInteger value : bigs) {
            assertArrayEquals(Rlp.encodeBigInteger(value), new RlpWriter().writeBigInteger(value).toByteArray(), value.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new RlpWriter().writeBigInteger(BigInteger.ONE.negate()));
    }

    @Test
    void unbalancedListsAreRefused() {
        assertThrows(IllegalStateException.class, () -> new RlpWriter().endList());
        assertThrows(IllegalStateException.class, () -> new RlpWriter().startList().toByteArray());
    }

    private static byte[] randomStructure(Random random, RlpWriter writer, int depth) {
        int kind = depth > 3 ? random.nextInt(3) : random.nextInt(4);
        switch (kind) {
            case 0 -> {
                byte[] value = new byte[random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(3)];
                random.nextBytes(value);
                writer.writeBytes(value);
                return Rlp.encodeBytes(value);
            }
            case 1 -> {
                long value = random.nextInt(3) == 0 ? random.nextInt(200) : random.nextLong();
                writer.writeLong(value);
                return Rlp.encodeLong(value);
            }
            case 2 -> {
                BigInteger value = new BigInteger(random.nextInt(257), random);
                writer.writeBigInteger(value);
                return Rlp.encodeBigInteger(value);
            }
            default -> {
                writer.startList();
                List<byte[]> items = new ArrayList<>();
                int count = random.nextInt(random.nextInt(4) == 0 ? 40 : 4);
                for (int i = 0; i < count; i++) {
                    items.add(randomStructure(random, writer, depth + 1));
                }
                writer.endList();
                return Rlp.encodeList(items);
            }
        }
    }
}
