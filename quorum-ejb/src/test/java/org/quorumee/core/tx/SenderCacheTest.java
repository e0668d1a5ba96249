package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.types.Address;

class SenderCacheTest {
    /** EIP-155's example key; its address is the one the EIP's example transaction recovers to. */
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));
    private static final Address EIP155_SENDER = Address.fromHex("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F");

    private static Transaction signed(long nonce) {
        return Transaction.builder(TransactionType.LEGACY).nonce(nonce).gasLimit(21_000).to(Address.ZERO).sign(KEY);
    }

    @Test
    void recoversOnceAndServesFreshDecodesOfTheSameBytesFromTheCache() {
        SenderCache cache = new SenderCache(4);
        Transaction tx = signed(0);
        assertFalse(cache.contains(tx.hash()));
        assertEquals(EIP155_SENDER, cache.sender(tx));
        assertTrue(cache.contains(tx.hash()), "remembered by hash after the first recovery");
        // a fresh decode of the same bytes is another instance with the same hash: one entry, same sender
        Transaction again = Transaction.decode(tx.encoded(), 10);
        assertEquals(EIP155_SENDER, cache.sender(again));
        assertEquals(1, cache.size());
    }

    @Test
    void staysBoundedAndDropsTheLeastRecentlyUsed() {
        SenderCache cache = new SenderCache(2);
        List<Transaction> txs = new ArrayList<>();
        for (int nonce = 0; nonce < 3; nonce++) {
            txs.add(signed(nonce));
        }
        cache.sender(txs.get(0));
        cache.sender(txs.get(1));
        cache.sender(txs.get(0));              // 0 is now the most recently used
        cache.sender(txs.get(2));              // evicts 1, not 0
        assertEquals(2, cache.size());
        assertTrue(cache.contains(txs.get(0).hash()));
        assertFalse(cache.contains(txs.get(1).hash()));
        assertTrue(cache.contains(txs.get(2).hash()));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SenderCache(0));
    }
}
