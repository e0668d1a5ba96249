package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.types.Address;

class SenderCacheTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));

    @Test
    void remembersByHashAndStaysBounded() {
        SenderCache cache = new SenderCache(2);
        for (int nonce = 0; nonce < 5; nonce++) {
            Transaction tx = Transaction.builder(TransactionType.LEGACY).nonce(nonce).gasLimit(21_000)
                    .to(Address.ZERO).sign(KEY);
            assertEquals(KEY.address(), cache.sender(tx));
            // A fresh decode of the same bytes is served from the cache.
            assertEquals(KEY.address(), cache.sender(Transaction.decode(tx.encoded(), 10)));
        }
        assertEquals(2, cache.size());
    }
}
