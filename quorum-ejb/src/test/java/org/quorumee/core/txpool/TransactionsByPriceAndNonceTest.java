package org.quorumee.core.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quorumee.core.txpool.PoolFixture.dynamic;
import static org.quorumee.core.txpool.PoolFixture.legacy;
import static org.quorumee.core.txpool.PoolFixture.legacyBuilder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;

class TransactionsByPriceAndNonceTest {
    private final PoolFixture f = new PoolFixture();

    private static List<Transaction> drain(TransactionsByPriceAndNonce order) {
        List<Transaction> out = new ArrayList<>();
        while (order.peek().isPresent()) {
            out.add(order.peek().get());
            order.shift();
        }
        return out;
    }

    @Test
    void atPriceZeroSendersTakeTurnsInArrivalOrderAndNoncesStayInOrder() throws Exception {
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        Transaction a0 = legacy(a, 0, 0);
        Transaction b0 = legacy(b, 0, 0);
        Transaction a1 = legacy(a, 1, 0);
        Transaction b1 = legacy(b, 1, 0);
        // a1 arrives before a0: still a0 first, and a's turn comes by a0's arrival.
        f.pool.add(a1);
        f.pool.add(b0);
        f.pool.add(a0);
        f.pool.add(b1);
        assertEquals(List.of(b0, a0, a1, b1), drain(f.pool.pendingByPriceAndNonce(null)));
    }

    @Test
    void higherGasPriceFirstAcrossSendersNonceOrderWithin() throws Exception {
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        KeyPair c = f.funded(3);
        Transaction a0 = legacy(a, 0, 5);
        Transaction a1 = legacy(a, 1, 50);
        Transaction b0 = legacy(b, 0, 10);
        Transaction c0 = legacy(c, 0, 10);
        f.pool.add(a0);
        f.pool.add(a1);
        f.pool.add(b0);
        f.pool.add(c0);
        assertEquals(List.of(b0, c0, a0, a1), drain(f.pool.pendingByPriceAndNonce(null)));
    }

    @Test
    void effectiveTipAtTheBaseFeeDecidesAndFeeCapsBelowItAreLeftOut() throws Exception {
        KeyPair x = f.funded(1);
        KeyPair y = f.funded(2);
        KeyPair z = f.funded(3);
        KeyPair w = f.funded(4);
        Transaction x0 = dynamic(x, 0, 5, 100);   // tip 5
        Transaction y0 = dynamic(y, 0, 15, 20);   // tip min(15, 20 - 10) = 10
        Transaction z0 = dynamic(z, 0, 1, 5);     // fee cap below the base fee
        Transaction w0 = legacy(w, 0, 18);        // tip 18 - 10 = 8
        Transaction w1 = legacy(w, 1, 9);         // below the base fee: w stops here
        for (Transaction tx : List.of(x0, y0, z0, w0, w1)) {
            f.pool.add(tx);
        }
        TransactionsByPriceAndNonce order = f.pool.pendingByPriceAndNonce(BigInteger.TEN);
        assertEquals(BigInteger.TEN, order.peekTip().orElseThrow());
        assertEquals(List.of(y0, w0, x0), drain(order));
        assertTrue(order.isEmpty());
    }

    @Test
    void popSkipsTheRestOfASender() throws Exception {
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        Transaction a0 = legacy(a, 0, 9);
        Transaction a1 = legacy(a, 1, 9);
        Transaction b0 = legacy(b, 0, 1);
        f.pool.add(a0);
        f.pool.add(a1);
        f.pool.add(b0);
        TransactionsByPriceAndNonce order = f.pool.pendingByPriceAndNonce(null);
        assertEquals(a0, order.peek().orElseThrow());
        order.pop();
        assertEquals(List.of(b0), drain(order));
    }

    @Test
    void takeFillsABlockByGasLimitSkippingSendersThatDoNotFit() throws Exception {
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        Transaction big = legacyBuilder(0, 9).gasLimit(100_000).sign(a);
        Transaction afterBig = legacy(a, 1, 9);
        Transaction b0 = legacy(b, 0, 1);
        Transaction b1 = legacy(b, 1, 1);
        for (Transaction tx : List.of(big, afterBig, b0, b1)) {
            f.pool.add(tx);
        }
        assertEquals(List.of(b0, b1), f.pool.pendingByPriceAndNonce(null).take(60_000));
        assertEquals(List.of(big, afterBig, b0), f.pool.pendingByPriceAndNonce(null).take(150_000));
        assertEquals(4, f.pool.status().pending(), "reading the order takes nothing out of the pool");
    }

    @Test
    void selectsFourHundredOfAThousandInArrivalRounds() throws Exception {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            keys.add(f.funded(i));
        }
        for (int nonce = 0; nonce < 50; nonce++) {
            for (KeyPair key : keys) {
                f.pool.add(legacy(key, nonce, 0));
            }
        }
        assertEquals(new PoolStatus(1_000, 0), f.pool.status());
        List<Transaction> block = f.pool.pendingByPriceAndNonce(null).take(400 * 21_000L);
        assertEquals(400, block.size());
        // Arrival order at equal prices: twenty rounds over the twenty senders.
        for (int i = 0; i < block.size(); i++) {
            assertEquals(i / 20, block.get(i).nonce());
            assertEquals(keys.get(i % 20).address(), block.get(i).sender());
        }
    }
}
