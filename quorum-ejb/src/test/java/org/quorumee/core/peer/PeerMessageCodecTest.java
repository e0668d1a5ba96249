package org.quorumee.core.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.peer.PeerMessage.BlockAnnouncement;
import org.quorumee.core.peer.PeerMessage.BlockRequest;
import org.quorumee.core.peer.PeerMessage.BlockResponse;
import org.quorumee.core.peer.PeerMessage.Consensus;
import org.quorumee.core.peer.PeerMessage.PrivacyAck;
import org.quorumee.core.peer.PeerMessage.PrivacyPush;
import org.quorumee.core.peer.PeerMessage.Transactions;

class PeerMessageCodecTest {
    private static final byte[] ID = Hex.decode("000102030405060708090a0b0c0d0e0f");
    private static final byte[] ID2 = Hex.decode("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    private final PeerMessageCodec codec = new PeerMessageCodec();

    @Test
    void blockRequestEncodesAsHandComputed() {
        // [1, 3, 0x90||id, 0x80, [1, 2]]: payload 1+1+17+1+3 = 23 bytes, so the list prefix is 0xc0+23.
        byte[] bytes = codec.encode(new PeerMessage(ID, new BlockRequest(1, 2)));
        assertEquals("d70103" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c20102", Hex.encodeNoPrefix(bytes));
    }

    @Test
    void consensusEncodesAsHandComputed() {
        // [1, 5, id, id2, ["raft", 0x01 0x02]]: body payload 84 72616674 (5) + 82 0102 (3) = 8, so c8 ...
        // (9 bytes); envelope payload 1+1+17+17+9 = 45 = 0x2d, so the prefix is 0xc0+45 = 0xed.
        byte[] bytes = codec.encode(new PeerMessage(ID, ID2, new Consensus("raft", new byte[] {1, 2})));
        assertEquals("ed0105" + "90000102030405060708090a0b0c0d0e0f" + "90f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
                + "c8847261667482" + "0102", Hex.encodeNoPrefix(bytes));
    }

    @Test
    void everyTypeRoundTrips() {
        for (PeerMessage message : samples()) {
            PeerMessage decoded = codec.decode(codec.encode(message));
            assertEquals(message, decoded, message.toString());
            assertEquals(message.type(), decoded.type());
            assertArrayEquals(message.correlationId(), decoded.correlationId());
        }
    }

    @Test
    void refusesWhatIsNotExactlyOneValidMessage() {
        byte[] good = codec.encode(new PeerMessage(ID, new BlockRequest(1, 2)));
        List<String> bad = List.of(
                "", // empty
                "c0", // empty list
                "d70203" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c20102", // version 2
                "d70163" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c20102", // type 99
                "d60103" + "8f0102030405060708090a0b0c0d0e0f" + "80" + "c20102", // 15-byte id
                "d70103" + "90000102030405060708090a0b0c0d0e0f" + "80" + "820102", // body not a list
                "d80103" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c20102" + "80", // sixth field
                "d70103" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c20100", // maxBlocks 0
                "d90103" + "90000102030405060708090a0b0c0d0e0f" + "80" + "c4018204" + "01", // maxBlocks 1025
                Hex.encodeNoPrefix(good) + "00"); // trailing byte
        for (String hex : bad) {
            assertThrows(InvalidPeerMessageException.class, () -> codec.decode(Hex.decode(hex)), hex);
        }
        // a transaction list with an empty entry, and one with a list where a transaction belongs
        for (String body : List.of("c180", "c1c0")) {
            String hex = "d60101" + "90000102030405060708090a0b0c0d0e0f" + "80" + body;
            assertThrows(InvalidPeerMessageException.class, () -> codec.decode(Hex.decode(hex)), hex);
        }
    }

    @Test
    void refusesOversizedMessagesBeforeReadingThem() {
        PeerMessageCodec small = new PeerMessageCodec(1024);
        PeerMessage big = new PeerMessage(ID, new PrivacyPush(new byte[2000]));
        assertThrows(IllegalArgumentException.class, () -> small.encode(big));
        byte[] bytes = codec.encode(big);
        InvalidPeerMessageException e = assertThrows(InvalidPeerMessageException.class, () -> small.decode(bytes));
        assertTrue(e.getMessage().contains("exceeds the maximum"), e.getMessage());
    }

    @Test
    void mutatedMessagesDecodeOrAreRefusedCleanly() {
        Random random = new Random(20261201L);
        int refused = 0;
        for (PeerMessage sample : samples()) {
            byte[] good = codec.encode(sample);
            for (int i = 0; i < 2000; i++) {
                byte[] bytes = good.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                try {
                    PeerMessage decoded = codec.decode(bytes);
                    // what decodes must encode back to the very same bytes (canonical, nothing dropped)
                    assertArrayEquals(bytes, codec.encode(decoded));
                } catch (InvalidPeerMessageException expected) {
                    refused++;
                }
            }
        }
        assertTrue(refused > 0);
    }

    private static List<PeerMessage> samples() {
        List<byte[]> txs = new ArrayList<>();
        txs.add(Hex.decode("02f8"));
        txs.add(new byte[300]);
        txs.get(1)[0] = (byte) 0xf8;
        byte[] hash = new byte[32];
        hash[31] = 7;
        return List.of(
                new PeerMessage(ID, new Transactions(txs)),
                new PeerMessage(ID, new Transactions(List.of())),
                new PeerMessage(ID, new BlockAnnouncement(123456789L, hash)),
                new PeerMessage(ID, new BlockRequest(0, BlockRequest.MAX_BLOCKS)),
                new PeerMessage(ID2, ID, new BlockResponse(List.of(new byte[] {(byte) 0xc0}, new byte[70]))),
                new PeerMessage(ID, new Consensus("qbft", new byte[100])),
                new PeerMessage(ID, new PrivacyPush(new byte[] {9})),
                new PeerMessage(ID2, ID, new PrivacyAck(new byte[0])));
    }
}
