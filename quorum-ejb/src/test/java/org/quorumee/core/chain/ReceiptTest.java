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

        // Each receipt written out by hand (Yellow Paper 4.3.1, EIP-2718), with its bloom by hand ...
        byte[] firstEncoding = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeLong(1), Rlp.encodeBytes(bloom(CONTRACT.toArray(), topic(1))),
                Rlp.encodeList(Rlp.encodeList(Rlp.encodeBytes(CONTRACT.toArray()), Rlp.encodeList(Rlp.encodeBytes(topic(1))),
                        Rlp.encodeBytes(new byte[0]))));
        byte[] secondBody = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeLong(2), Rlp.encodeBytes(bloom(CONTRACT.toArray(), topic(2))),
                Rlp.encodeList(Rlp.encodeList(Rlp.encodeBytes(CONTRACT.toArray()), Rlp.encodeList(Rlp.encodeBytes(topic(2))),
                        Rlp.encodeBytes(new byte[0]))));
        byte[] secondEncoding = new byte[secondBody.length + 1];
        secondEncoding[0] = 2;
        System.arraycopy(secondBody, 0, secondEncoding, 1, secondBody.length);
        assertArrayEquals(firstEncoding, first.encode());
        assertArrayEquals(secondEncoding, second.encode());

        // ... and the trie of the two by hand: keys rlp(0) = 0x80 (nibbles 8,0) and rlp(1) = 0x01 (nibbles
        // 0,1) part at the first nibble, so the root is a branch with two leaves, each over one nibble
        // (hex-prefix 0x30 + nibble for a leaf of odd length), referenced by hash as they exceed 32 bytes.
        byte[] leafOfFirst = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x30}), Rlp.encodeBytes(firstEncoding));
        byte[] leafOfSecond = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x31}), Rlp.encodeBytes(secondEncoding));
        byte[][] branch = new byte[17][];
        for (int i = 0; i < 17; i++) {
            branch[i] = Rlp.encodeBytes(new byte[0]);
        }
        branch[0] = Rlp.encodeBytes(keccak(leafOfSecond));
        branch[8] = Rlp.encodeBytes(keccak(leafOfFirst));
        byte[] root = keccak(Rlp.encodeList(branch));
        assertArrayEquals(root, Receipt.rootOf(List.of(first, second)));
        assertArrayEquals(root, ListRoot.of(List.of(first.encode(), second.encode())));
        assertArrayEquals(bloom(CONTRACT.toArray(), topic(1), topic(2)), Receipt.bloomOf(List.of(first, second)).toArray());
    }

    /** The logs bloom of {@code items} by the Yellow Paper's definition (4.3.1), with Bouncy Castle's Keccak. */
    private static byte[] bloom(byte[]... items) {
        byte[] bits = new byte[256];
        for (byte[] item : items) {
            byte[] hash = keccak(item);
            for (int pair = 0; pair < 6; pair += 2) {
                int bit = ((hash[pair] & 0xff) << 8 | (hash[pair + 1] & 0xff)) & 2047;
                bits[255 - bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        return bits;
    }

    private static byte[] keccak(byte[] input) {
        org.bouncycastle.crypto.digests.KeccakDigest digest = new org.bouncycastle.crypto.digests.KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
