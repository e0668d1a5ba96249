package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.trie.MerklePatriciaTrie;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;

class ReceiptTest {
    private static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000000000aa");

    private static byte[] topic(int last) {
        byte[] topic = new byte[32];
        topic[31] = (byte) last;
        return topic;
    }

    @Test
    void legacyAndTypedReceiptsRoundTrip() {
        Log log = new Log(CONTRACT, List.of(topic(1), topic(2)), new byte[] {1, 2, 3});
        for (int type : new int[] {0, 1, 2, 3}) {
            for (boolean success : new boolean[] {true, false}) {
                Receipt receipt = Receipt.of(type, success, 21_000L * (type + 1), List.of(log));
                byte[] encoded = receipt.encode();
                if (type == 0) {
                    assertTrue((encoded[0] & 0xff) >= 0xc0, "a legacy receipt is a bare RLP list");
                } else {
                    assertEquals(type, encoded[0]);
                }
                assertEquals(receipt, Receipt.decode(encoded));
            }
        }
    }

    @Test
    void encodingMatchesTheRlpLayout() {
        Receipt receipt = Receipt.of(2, true, 0x5208, List.of());
        String expected = Hex.encode(Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeLong(0x5208),
                Rlp.encodeBytes(new byte[256]), Rlp.EMPTY_LIST));
        assertEquals("0x02" + expected.substring(2), Hex.encode(receipt.encode()));
        // A failed receipt's status is the empty string (0x80), not 0x00.
        byte[] failed = Receipt.of(0, false, 1, List.of()).encode();
        assertEquals((byte) 0x80, failed[3]);
    }

    @Test
    void malformedReceiptsAreRejected() {
        assertThrows(RlpException.class, () -> Receipt.decode(new byte[0]));
        assertThrows(RlpException.class, () -> Receipt.decode(new byte[] {(byte) 0x80}));
        assertThrows(RlpException.class, () -> Receipt.decode(Hex.decode("0x02c0")));
        byte[] withStateRoot = Rlp.encodeList(Rlp.encodeBytes(new byte[32]), Rlp.encodeLong(1),
                Rlp.encodeBytes(new byte[256]), Rlp.EMPTY_LIST);
        RlpException e = assertThrows(RlpException.class, () -> Receipt.decode(withStateRoot));
        assertTrue(e.getMessage().contains("pre-Byzantium"));
        byte[] badStatus = Rlp.encodeList(Rlp.encodeLong(2), Rlp.encodeLong(1), Rlp.encodeBytes(new byte[256]), Rlp.EMPTY_LIST);
        assertThrows(RlpException.class, () -> Receipt.decode(badStatus));
    }

    @Test
    void bloomSetsThreeBitsPerItemAtTheYellowPaperPositions() {
        // keccak256("") = c5d2 4601 86f7 ...: bits 0x5d2 = 1490, 0x601 = 1537, 0x6f7 = 1783 of the
        // 2048-bit big-endian value, i.e. byte 255 - bit/8, mask 1 << bit%8.
        byte[] bits = new byte[256];
        bits[255 - 1490 / 8] |= 1 << (1490 % 8);
        bits[255 - 1537 / 8] |= 1 << (1537 % 8);
        bits[255 - 1783 / 8] |= (byte) (1 << (1783 % 8));
        assertTrue(LogsBloom.wrap(bits).mightContain(new byte[0]));
        bits[255 - 1783 / 8] = 0;
        assertFalse(LogsBloom.wrap(bits).mightContain(new byte[0]));
    }

    @Test
    void bloomOfLogsContainsTheirAddressesAndTopics() {
        Log log = new Log(CONTRACT, List.of(topic(7)), new byte[0]);
        LogsBloom bloom = LogsBloom.of(List.of(log));
        assertTrue(bloom.mightContain(CONTRACT.toArray()));
        assertTrue(bloom.mightContain(topic(7)));
        assertFalse(bloom.mightContain(topic(8)));
        int set = 0;
        for (byte b : bloom.toArray()) {
            set += Integer.bitCount(b & 0xff);
        }
        assertTrue(set >= 4 && set <= 6, "two items set at most six bits, found " + set);
        assertEquals(bloom, LogsBloom.EMPTY.or(bloom));
    }

    @Test
    void logRoundTripAndLimits() {
        Log log = new Log(CONTRACT, List.of(topic(1)), new byte[] {9});
        assertEquals(log, Log.decode(log.encode()));
        assertThrows(IllegalArgumentException.class, () -> new Log(CONTRACT, List.of(new byte[31]), new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new Log(CONTRACT, List.of(topic(1), topic(2), topic(3), topic(4), topic(5)), new byte[0]));
    }

    @Test
    void withdrawalRoundTripAndListRoots() {
        Withdrawal withdrawal = new Withdrawal(1, 2, CONTRACT, 3);
        assertEquals(withdrawal, Withdrawal.decode(withdrawal.encode()));
        assertArrayEquals(MerklePatriciaTrie.EMPTY_ROOT, ListRoot.of(List.of()));
        assertArrayEquals(MerklePatriciaTrie.EMPTY_ROOT, Receipt.rootOf(List.of()));
        Receipt first = Receipt.of(0, true, 1, List.of(new Log(CONTRACT, List.of(topic(1)), new byte[0])));
        Receipt second = Receipt.of(2, true, 2, List.of(new Log(CONTRACT, List.of(topic(2)), new byte[0])));
        assertArrayEquals(ListRoot.of(List.of(first.encode(), second.encode())), Receipt.rootOf(List.of(first, second)));
        assertEquals(first.bloom().or(second.bloom()), Receipt.bloomOf(List.of(first, second)));
    }
}
