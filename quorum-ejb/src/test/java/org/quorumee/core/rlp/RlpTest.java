package org.quorumee.core.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

class RlpTest {

    @Test
    void refusesNonCanonicalForms() {
        for (String bad : List.of(
                "8100", "817f", // single byte below 0x80 wrapped
                "b800", "b83700", "f800", "f83700", // long form for a short length
                "b9000100", "f9000100", // length with a leading zero
                "83aabb", "c3c0", "b90100", // runs past the end
                "c0c0", "8000", // trailing bytes
                "bc0000000001", // length of five bytes
                "")) {
            assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode(bad)), bad);
        }
    }

    @Test
    void scalarsAreCanonical() {
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode("820001")).asLong());
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode("00")).asLong());
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode("89010000000000000000")).asLong());
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode("c0")).asLong());
        assertEquals(0, Rlp.decode(Rlp.encodeLong(0)).asLong());
        assertEquals(Long.MAX_VALUE, Rlp.decode(Rlp.encodeLong(Long.MAX_VALUE)).asLong());
        assertEquals(new BigInteger("18446744073709551615"), Rlp.decode(Rlp.encodeLong(-1)).asBigInteger(8));
    }

    @Test
    void shapeErrorsAreRlpExceptions() {
        RlpItem list = Rlp.decode(Hex.decode("c280c0"));
        assertThrows(RlpException.class, list::bytes);
        assertThrows(RlpException.class, () -> list.item(2));
        assertThrows(RlpException.class, () -> list.item(0).items());
        assertThrows(RlpException.class, () -> list.item(0).bytes(32));
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() throws InterruptedException {
        int depth = 20_000;
        byte[] nested = Rlp.EMPTY_LIST;
        for (int i = 0; i < depth; i++) {
            nested = Rlp.encodeList(nested);
        }
        byte[] input = nested;
        AtomicReference<RlpItem> decoded = new AtomicReference<>();
        Thread small = new Thread(null, () -> decoded.set(Rlp.decode(input)), "small-stack", 256 * 1024);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        small.setUncaughtExceptionHandler((t, e) -> failures.add(e));
        small.start();
        small.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(small.isAlive(), "decoding did not finish within 60 s");
        assertEquals(List.of(), failures);
        // and what it decoded is the nesting that was built: 20,000 lists of one, around an empty list
        RlpItem item = decoded.get();
        for (int level = 0; level < depth; level++) {
            assertTrue(item.isList(), "a list at level " + level);
            assertEquals(1, item.items().size(), "one element at level " + level);
            item = item.item(0);
        }
        assertTrue(item.isList() && item.items().isEmpty(), "the empty list at the bottom");
    }

    /** Random and mutated input: either RlpException, or accepted and then re-encoded byte for byte. */
    @Test
    void fuzzedInputFailsOnlyWithRlpExceptionAndAcceptedInputIsCanonical() {
        Random random = new Random(42);
        byte[] seed = Rlp.encodeList(Rlp.encodeBytes(new byte[60]), Rlp.encodeLong(1234567),
                Rlp.encodeList(Rlp.encodeBytes("dog".getBytes()), Rlp.EMPTY_LIST), Rlp.encodeBytes(new byte[] {5}));
        for (int i = 0; i < 200_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(12)];
                random.nextBytes(input);
            } else {
                input = seed.clone();
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            RlpItem item;
            try {
                item = Rlp.decode(input);
            } catch (RlpException expected) {
                continue;
            }
            assertArrayEquals(input, reencode(item), Hex.encode(input));
        }
    }

    private static byte[] reencode(RlpItem item) {
        if (!item.isList()) {
            return Rlp.encodeBytes(item.bytes());
        }
        List<byte[]> children = new ArrayList<>();
        for (RlpItem child : item.items()) {
            children.add(reencode(child));
        }
        return Rlp.encodeList(children);
    }
}
