package org.quorumee.core.txpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;

/** What a newly connected peer is sent: the pool's pending transactions, in order, in bounded batches. */
class TransactionSyncTest {

    @Test
    void pendingTransactionsSenderBySenderInNonceOrderQueuedOnesLeftOut() throws Exception {
        PoolFixture f = new PoolFixture();
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        // added out of order: the pool orders them by nonce; nonce 5 of b waits for a gap (queued)
        Transaction a1 = PoolFixture.legacy(a, 1, 1);
        Transaction a0 = PoolFixture.legacy(a, 0, 1);
        Transaction b0 = PoolFixture.legacy(b, 0, 1);
        Transaction b5 = PoolFixture.legacy(b, 5, 1);
        for (Transaction tx : List.of(a1, b5, b0, a0)) {
            f.pool.add(tx);
        }
        List<List<byte[]>> batches = TransactionSync.batches(f.pool.content(), 1 << 20);
        assertEquals(1, batches.size());
        List<Transaction> expected = new ArrayList<>();
        // senders in address order, each in nonce order
        for (List<Transaction> ofSender : f.pool.content().pending().values()) {
            expected.addAll(ofSender);
        }
        assertEquals(3, expected.size(), "a0, a1 and b0 are pending; b5 is queued");
        assertEquals(expected.size(), batches.get(0).size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).encoded(), batches.get(0).get(i));
        }
        assertTrue(expected.indexOf(a0) < expected.indexOf(a1));
    }

    @Test
    void batchesStayWithinTheBudgetAndKeepTheOrder() throws Exception {
        PoolFixture f = new PoolFixture();
        KeyPair a = f.funded(1);
        List<byte[]> sent = new ArrayList<>();
        for (int nonce = 0; nonce < 25; nonce++) {
            Transaction tx = PoolFixture.legacy(a, nonce, 1);
            f.pool.add(tx);
            sent.add(tx.encoded());
        }
        int txBytes = sent.get(0).length + TransactionSync.ITEM_OVERHEAD;
        int budget = 4 * txBytes + txBytes / 2; // room for four and a half
        List<List<byte[]>> batches = TransactionSync.batches(f.pool.content(), budget);
        assertEquals(7, batches.size(), "25 transactions, 4 a batch");
        List<byte[]> flattened = new ArrayList<>();
        for (List<byte[]> batch : batches) {
            int bytes = batch.stream().mapToInt(raw -> raw.length + TransactionSync.ITEM_OVERHEAD).sum();
            assertTrue(bytes <= budget, bytes + " bytes in a batch of at most " + budget);
            flattened.addAll(batch);
        }
        assertEquals(sent.size(), flattened.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), flattened.get(i), "transaction " + i + " in nonce order");
        }
    }

    @Test
    void anEmptyPoolSendsNothingAndATransactionLargerThanABatchIsLeftOut() throws Exception {
        PoolFixture f = new PoolFixture();
        assertEquals(List.of(), TransactionSync.batches(f.pool.content(), 1 << 20));
        Transaction tx = PoolFixture.legacy(f.funded(1), 0, 1);
        f.pool.add(tx);
        assertEquals(List.of(), TransactionSync.batches(f.pool.content(), tx.encoded().length));
        assertEquals(1, TransactionSync.batches(f.pool.content(), tx.encoded().length + TransactionSync.ITEM_OVERHEAD).size());
    }
}
