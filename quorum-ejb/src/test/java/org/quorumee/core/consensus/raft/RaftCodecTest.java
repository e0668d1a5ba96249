package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

/**
 * The wire format: hand-computed encodings (RLP by hand, version byte 1), round trips of every
 * message type, strict decoding (every malformed input fails with {@link RaftCodecException}), and
 * a seeded mutation fuzz: whatever decodes re-encodes to the same bytes.
 */
class RaftCodecTest {

    @Test
    void encodingsMatchHandComputedBytes() {
        // 01 | [1, 2, 0, "abc"] = c7 01 02 80 83 61 62 63
        assertEquals("01c7010280836162 63".replace(" ", ""),
                Hex.encodeNoPrefix(RaftCodec.encodeEntry(new Entry(1, 2, EntryType.NORMAL, "abc".getBytes()))));
        // 01 | [type 1 (add learner), node 4, context aa] = c4 01 04 81 aa
        assertEquals("01c4010481aa", Hex.encodeNoPrefix(RaftCodec.encodeConfChange(
                new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 4, new byte[] {(byte) 0xaa}))));
        // heartbeat (ordinal 7) 1 -> 2, term 3, commit 5: [07 01 02 03 80 80 05 80 80 c0 c0]
        Message heartbeat = new Message(MessageType.HEARTBEAT, 1, 2, 3, 0, 0, List.of(), 5, null, false, 0);
        assertEquals("01cb070102038080058080c0c0", Hex.encodeNoPrefix(RaftCodec.encodeMessage(heartbeat)));
        // [[1, 2], [4]] = c5 c2 01 02 c1 04
        assertEquals("01c5c20102c104", Hex.encodeNoPrefix(RaftCodec.encodeConfState(
                new ConfState(new TreeSet<>(List.of(2L, 1L)), new TreeSet<>(List.of(4L))))));
        // [term 300, vote 2, commit 0] = c5 82 01 2c 02 80
        assertEquals("01c582012c0280", Hex.encodeNoPrefix(RaftCodec.encodeHardState(new HardState(300, 2, 0))));
        // [index 9, term 1, [[1], []], data ff] = c8 09 01 c3 c1 01 c0 81 ff
        assertEquals("01c80901c3c101c081ff", Hex.encodeNoPrefix(RaftCodec.encodeSnapshot(
                new Snapshot(9, 1, ConfState.ofVoters(1L), new byte[] {(byte) 0xff}))));
    }

    @Test
    void everyMessageTypeRoundTrips() {
        SplittableRandom random = new SplittableRandom(7);
        for (MessageType type : MessageType.values()) {
            for (int i = 0; i < 50; i++) {
                Message m = randomMessage(type, random);
                byte[] encoded = RaftCodec.encodeMessage(m);
                Message decoded = RaftCodec.decodeMessage(encoded);
                assertEquals(m, decoded);
                assertArrayEquals(encoded, RaftCodec.encodeMessage(decoded));
            }
        }
    }

    @Test
    void valuesRoundTrip() {
        Entry e = new Entry(Long.MAX_VALUE, 1L << 40, EntryType.CONF_CHANGE, new byte[300]);
        assertEquals(e, RaftCodec.decodeEntry(RaftCodec.encodeEntry(e)));
        Snapshot s = new Snapshot(10, 3, new ConfState(new TreeSet<>(List.of(1L, 2L, 70000L)), new TreeSet<>(List.of(9L))),
                new byte[] {1, 2, 3});
        assertEquals(s, RaftCodec.decodeSnapshot(RaftCodec.encodeSnapshot(s)));
        for (ConfChangeType type : ConfChangeType.values()) {
            ConfChange c = new ConfChange(type, 65535, "ctx".getBytes());
            assertEquals(c, RaftCodec.decodeConfChange(RaftCodec.encodeConfChange(c)));
        }
        assertEquals(ConfState.EMPTY, RaftCodec.decodeConfState(RaftCodec.encodeConfState(ConfState.EMPTY)));
        assertEquals(new HardState(5, 3, 2), RaftCodec.decodeHardState(RaftCodec.encodeHardState(new HardState(5, 3, 2))));
    }

    @Test
    void malformedInputFailsWithAClearException() {
        byte[] heartbeat = Hex.decode("01cb070102038080058080c0c0");
        rejected("version", RaftCodec::decodeMessage, Hex.decode("02cb070102038080058080c0c0"));
        rejected("version byte", RaftCodec::decodeMessage, new byte[] {1});
        rejected("version byte", RaftCodec::decodeMessage, new byte[0]);
        rejected("version byte", RaftCodec::decodeMessage, null);
        rejected("runs past the end", RaftCodec::decodeMessage, java.util.Arrays.copyOf(heartbeat, heartbeat.length - 1));
        rejected("trailing", RaftCodec::decodeMessage, concat(heartbeat, new byte[] {0}));
        // ten fields instead of eleven
        rejected("11 fields", RaftCodec::decodeMessage, Hex.decode("01ca070102038080058080c0"));
        // message type 10 does not exist
        rejected("unknown message type 10", RaftCodec::decodeMessage, Hex.decode("01cb0a0102038080058080c0c0"));
        rejected("reject flag", RaftCodec::decodeMessage, Hex.decode("01cb070102038080050280c0c0"));
        // from = 82 00 01: a scalar with a leading zero byte
        rejected("leading zero", RaftCodec::decodeMessage, Hex.decode("01cd0782000102038080058080c0c0"));
        // a heartbeat carrying a snapshot [9, 1, [[], []], ""]
        rejected("carries no snapshot", RaftCodec::decodeMessage, Hex.decode("01d1070102038080058080c0c60901c2c0c080"));
        // a snapshot message without one
        rejected("carries a snapshot", RaftCodec::decodeMessage, Hex.decode("01cb060102038080058080c0c0"));
        // member ids out of order, or twice
        rejected("ascending", RaftCodec::decodeConfState, Hex.decode("01c5c20201c104"));
        rejected("ascending", RaftCodec::decodeConfState, Hex.decode("01c4c20101c0"));
        rejected("unknown entry type 2", RaftCodec::decodeEntry, Hex.decode("01c70102028361626 3".replace(" ", "")));
        rejected("positive", RaftCodec::decodeConfChange, Hex.decode("01c4018081aa"));
        rejected("is a list", RaftCodec::decodeEntry, Hex.decode("0183616263"));
        rejected("4 fields", RaftCodec::decodeSnapshot, Hex.decode("01c3090180"));
        rejected("3 fields", RaftCodec::decodeHardState, Hex.decode("01c20102"));
    }

    private static void rejected(String why, java.util.function.Function<byte[], ?> decoder, byte[] input) {
        RaftCodecException e = assertThrows(RaftCodecException.class, () -> decoder.apply(input));
        assertTrue(e.getMessage().contains(why), "'" + e.getMessage() + "' should say " + why);
    }

    /** Random byte flips, insertions and cuts: decoding either fails cleanly or is exact. */
    @Test
    void mutatedInputNeverHalfDecodes() {
        SplittableRandom random = new SplittableRandom(11);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            Message m = randomMessage(MessageType.values()[random.nextInt(MessageType.values().length)], random);
            byte[] bytes = RaftCodec.encodeMessage(m);
            byte[] mutated = mutate(bytes, random);
            try {
                Message decoded = RaftCodec.decodeMessage(mutated);
                assertArrayEquals(mutated, RaftCodec.encodeMessage(decoded), "what decodes is canonical");
                accepted++;
            } catch (RaftCodecException expected) {
                // refused as a whole
            }
        }
        assertTrue(accepted < 20_000);
    }

    private static byte[] mutate(byte[] bytes, SplittableRandom random) {
        byte[] out = bytes.clone();
        switch (random.nextInt(3)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            default -> {
                int at = random.nextInt(out.length + 1);
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }

    static Message randomMessage(MessageType type, SplittableRandom random) {
        List<Entry> entries = new ArrayList<>();
        if (type == MessageType.APPEND || type == MessageType.PROPOSAL) {
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                byte[] data = new byte[random.nextInt(80)];
                random.nextBytes(data);
                entries.add(new Entry(random.nextLong(1000), random.nextLong(50),
                        EntryType.values()[random.nextInt(2)], data));
            }
        }
        Snapshot snapshot = null;
        if (type == MessageType.SNAPSHOT) {
            byte[] data = new byte[random.nextInt(100)];
            random.nextBytes(data);
            snapshot = new Snapshot(random.nextLong(1, 1000), random.nextLong(1, 50),
                    new ConfState(new TreeSet<>(List.of(1L, 2L, 3L)), new TreeSet<>(List.of(4L))), data);
        }
        return new Message(type, random.nextLong(1, 10), random.nextLong(1, 10), random.nextLong(0, 1L << 40),
                random.nextLong(100), random.nextLong(100_000), entries, random.nextLong(100_000), snapshot,
                random.nextBoolean(), random.nextLong(100));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
