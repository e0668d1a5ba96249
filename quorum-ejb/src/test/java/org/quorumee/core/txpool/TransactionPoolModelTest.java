package org.quorumee.core.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/**
 * Random adds, blocks, balance cuts and clock jumps against small limits; after every step the
 * pool's public view must hold its invariants.
 */
class TransactionPoolModelTest {
    private static final int SENDERS = 8;
    private static final int STEPS = 600;

    @Test
    void invariantsHoldUnderRandomOperations() {
        Random random = new Random(7);
        TransactionPoolConfig limits = new TransactionPoolConfig(BigInteger.ZERO, 10, 2, 6, 3, 4, Duration.ofHours(3));
        PoolFixture f = new PoolFixture(limits, null);
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 1; i <= SENDERS; i++) {
            keys.add(f.funded(i));
        }
        int accepted = 0;
        Map<TransactionRejectedException.Reason, Integer> refused = new java.util.EnumMap<>(TransactionRejectedException.Reason.class);
        for (int step = 0; step < STEPS; step++) {
            int op = random.nextInt(20);
            if (op < 15) {
                KeyPair key = keys.get(random.nextInt(SENDERS));
                long nonce = Math.max(0, f.state.nonce(key.address()) - 1 + random.nextInt(7));
                Transaction tx = PoolFixture.legacyBuilder(nonce, random.nextInt(4))
                        .value(BigInteger.valueOf(random.nextInt(3))).sign(key);
                try {
                    f.pool.add(tx);
                    accepted++;
                    assertTrue(f.pool.get(tx.hash()).isPresent(), "an accepted transaction is in the pool");
                } catch (TransactionRejectedException e) {
                    refused.merge(e.reason(), 1, Integer::sum);
                }
            } else if (op < 18) {
                List<Transaction> block = f.pool.pendingByPriceAndNonce(null).take(random.nextInt(6) * 21_000L);
                for (Transaction tx : block) {
                    f.state.nonce(tx.sender(), tx.nonce() + 1);
                }
                f.newHead();
            } else if (op < 19) {
                KeyPair key = keys.get(random.nextInt(SENDERS));
                f.state.balance(key.address(), random.nextBoolean() ? BigInteger.ONE : PoolFixture.RICH);
                f.newHead();
            } else {
                f.clock.advance(Duration.ofMinutes(random.nextInt(120)));
                f.pool.evictExpired();
            }
            checkInvariants(f, limits, keys);
        }
        // The walk must reach the interesting refusals, not only succeed.
        assertTrue(accepted > 100, "accepted " + accepted);
        for (TransactionRejectedException.Reason reason : List.of(TransactionRejectedException.Reason.POOL_FULL,
                TransactionRejectedException.Reason.NONCE_TOO_LOW, TransactionRejectedException.Reason.REPLACEMENT_UNDERPRICED)) {
            assertTrue(refused.getOrDefault(reason, 0) > 0, "no " + reason + " in " + refused);
        }
    }

    private static void checkInvariants(PoolFixture f, TransactionPoolConfig limits, List<KeyPair> keys) {
        PoolContent content = f.pool.content();
        int pending = 0;
        int queued = 0;
        Set<String> hashes = new HashSet<>();
        for (KeyPair key : keys) {
            Address address = key.address();
            long next = f.state.nonce(address);
            List<Transaction> pendingTxs = content.pending().getOrDefault(address, List.of());
            for (Transaction tx : pendingTxs) {
                assertEquals(next, tx.nonce(), "pending nonces run on from the account nonce");
                assertEquals(address, tx.sender());
                next++;
            }
            assertEquals(next, f.pool.pendingNonce(address));
            List<Transaction> queuedTxs = content.queued().getOrDefault(address, List.of());
            assertTrue(queuedTxs.size() <= limits.accountQueue(), "account queue limit");
            long previous = next;
            for (Transaction tx : queuedTxs) {
                assertTrue(tx.nonce() > previous, "queued nonces are beyond the next pending nonce, ascending");
                previous = tx.nonce();
            }
            pending += pendingTxs.size();
            queued += queuedTxs.size();
            for (Transaction tx : concat(pendingTxs, queuedTxs)) {
                assertTrue(hashes.add(org.quorumee.core.bytes.Hex.encode(tx.hash())), "one transaction per hash");
                assertEquals(tx, f.pool.get(tx.hash()).orElseThrow());
            }
        }
        for (Map.Entry<Address, List<Transaction>> e : content.pending().entrySet()) {
            assertTrue(!e.getValue().isEmpty());
        }
        assertEquals(new PoolStatus(pending, queued), f.pool.status());
        assertTrue(queued <= limits.globalQueue(), "global queue limit");
        assertTrue(pending + queued <= limits.capacity(), "capacity");
    }

    private static List<Transaction> concat(List<Transaction> a, List<Transaction> b) {
        List<Transaction> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
