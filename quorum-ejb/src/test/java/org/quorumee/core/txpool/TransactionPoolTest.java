package org.quorumee.core.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quorumee.core.txpool.PoolFixture.dynamic;
import static org.quorumee.core.txpool.PoolFixture.legacy;
import static org.quorumee.core.txpool.PoolFixture.legacyBuilder;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.txpool.TransactionPool.Placement;
import org.quorumee.core.txpool.TransactionRejectedException.Reason;

class TransactionPoolTest {
    private final PoolFixture f = new PoolFixture();

    private TransactionRejectedException rejected(Reason reason, Transaction tx) {
        return rejected(f.pool, reason, tx);
    }

    private static TransactionRejectedException rejected(TransactionPool pool, Reason reason, Transaction tx) {
        TransactionRejectedException e = assertThrows(TransactionRejectedException.class, () -> pool.add(tx));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(reason.text()), e.getMessage());
        return e;
    }

    // ---------------------------------------------------------------- pending, queued, promotion

    @Test
    void nextNonceIsPendingFutureNonceIsQueuedAndPromotedWhenTheGapCloses() throws Exception {
        KeyPair a = f.funded(1);
        Transaction t0 = legacy(a, 0, 0);
        Transaction t1 = legacy(a, 1, 0);
        Transaction t2 = legacy(a, 2, 0);
        assertEquals(Placement.PENDING, f.pool.add(t0));
        assertEquals(Placement.QUEUED, f.pool.add(t2));
        assertEquals(new PoolStatus(1, 1), f.pool.status());
        assertEquals(List.of(t0), f.announced);

        assertEquals(Placement.PENDING, f.pool.add(t1));
        assertEquals(new PoolStatus(3, 0), f.pool.status());
        assertEquals(List.of(t0, t1, t2), f.announced, "promoted transactions are announced too");
        assertEquals(List.of(t0, t1, t2), f.pool.content().pending().get(a.address()));
    }

    @Test
    void pendingStartsAtTheAccountNonce() throws Exception {
        KeyPair a = f.funded(1);
        f.state.nonce(a.address(), 5);
        assertEquals(Placement.QUEUED, f.pool.add(legacy(a, 6, 0)));
        assertEquals(5, f.pool.pendingNonce(a.address()));
        assertEquals(Placement.PENDING, f.pool.add(legacy(a, 5, 0)));
        assertEquals(7, f.pool.pendingNonce(a.address()));
        f.pool.add(legacy(a, 9, 0));
        assertEquals(7, f.pool.pendingNonce(a.address()), "a queued transaction does not move the pending nonce");
        assertEquals(0, f.pool.pendingNonce(PoolFixture.key(99).address()));
    }

    @Test
    void queriesByHashAndContent() throws Exception {
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        Transaction a0 = legacy(a, 0, 0);
        Transaction a3 = legacy(a, 3, 0);
        Transaction b0 = legacy(b, 0, 0);
        f.pool.add(a0);
        f.pool.add(a3);
        f.pool.add(b0);
        assertEquals(a3, f.pool.get(a3.hash()).orElseThrow());
        assertTrue(f.pool.get(new byte[32]).isEmpty());

        PoolContent content = f.pool.content();
        assertEquals(List.of(a0), content.pending().get(a.address()));
        assertEquals(List.of(b0), content.pending().get(b.address()));
        assertEquals(List.of(a3), content.queued().get(a.address()));
        assertFalse(content.queued().containsKey(b.address()));

        PoolContent fromB = f.pool.contentFrom(b.address());
        assertEquals(1, fromB.pending().size());
        assertTrue(fromB.queued().isEmpty());
        assertTrue(f.pool.contentFrom(PoolFixture.key(99).address()).pending().isEmpty());
    }

    // ---------------------------------------------------------------- validation words

    @Test
    void alreadyKnown() throws Exception {
        Transaction tx = legacy(f.funded(1), 0, 0);
        f.pool.add(tx);
        assertEquals("already known", rejected(Reason.ALREADY_KNOWN, tx).getMessage());
    }

    @Test
    void nonceTooLow() {
        KeyPair a = f.funded(1);
        f.state.nonce(a.address(), 5);
        assertEquals("nonce too low: next nonce 5, tx nonce 4", rejected(Reason.NONCE_TOO_LOW, legacy(a, 4, 0)).getMessage());
    }

    @Test
    void insufficientFundsForOneAndForThePendingTogether() throws Exception {
        KeyPair a = PoolFixture.key(1);
        // Each transaction costs 21000 x 10 + 1000 wei; the balance covers two of them.
        BigInteger cost = BigInteger.valueOf(21_000L * 10 + 1_000);
        f.state.balance(a.address(), cost.multiply(BigInteger.TWO));
        f.pool.add(legacyBuilder(0, 10).value(BigInteger.valueOf(1_000)).sign(a));
        f.pool.add(legacyBuilder(1, 10).value(BigInteger.valueOf(1_000)).sign(a));
        rejected(Reason.INSUFFICIENT_FUNDS, legacyBuilder(2, 10).value(BigInteger.valueOf(1_000)).sign(a));
        rejected(Reason.INSUFFICIENT_FUNDS, legacyBuilder(5, 10).value(BigInteger.valueOf(1_000)).sign(a));

        KeyPair poor = PoolFixture.key(2);
        f.state.balance(poor.address(), BigInteger.valueOf(999));
        TransactionRejectedException e = rejected(Reason.INSUFFICIENT_FUNDS,
                legacyBuilder(0, 0).value(BigInteger.valueOf(1_000)).sign(poor));
        assertTrue(e.getMessage().startsWith("insufficient funds for gas * price + value: balance 999"), e.getMessage());
    }

    @Test
    void intrinsicGasTooLow() {
        Transaction tx = legacyBuilder(0, 0).gasLimit(20_999).sign(f.funded(1));
        rejected(Reason.INTRINSIC_GAS_TOO_LOW, tx);
    }

    @Test
    void exceedsBlockGasLimit() {
        Transaction tx = legacyBuilder(0, 0).gasLimit(PoolFixture.BLOCK_GAS_LIMIT + 1).sign(f.funded(1));
        assertEquals("exceeds block gas limit", rejected(Reason.EXCEEDS_BLOCK_GAS_LIMIT, tx).getMessage());
    }

    @Test
    void wrongChainIdIsInvalidSenderAsInGoEthereum() {
        Transaction tx = Transaction.builder(TransactionType.LEGACY).chainId(PoolFixture.CHAIN_ID + 1)
                .gasLimit(21_000).to(PoolFixture.TO).sign(f.funded(1));
        rejected(Reason.INVALID_SENDER, tx);
        Transaction typed = Transaction.builder(TransactionType.EIP1559).chainId(PoolFixture.CHAIN_ID + 1)
                .gasLimit(21_000).to(PoolFixture.TO).sign(f.funded(1));
        rejected(Reason.INVALID_SENDER, typed);
    }

    @Test
    void highSSignatureIsInvalidSender() {
        Transaction.Builder builder = legacyBuilder(0, 0);
        Signature low = Secp256k1.sign(builder.signingHash(), f.funded(1).privateKey());
        Signature high = new Signature(low.r(), Secp256k1.N.subtract(low.s()), 1 - low.recId());
        rejected(Reason.INVALID_SENDER, builder.withSignature(high));
    }

    @Test
    void oversizedData() {
        int limit = PoolFixture.chainConfig().transactionSizeLimit();
        Transaction tx = legacyBuilder(0, 0).gasLimit(1_000_000).data(new byte[limit]).sign(f.funded(1));
        TransactionRejectedException e = rejected(Reason.OVERSIZED_DATA, tx);
        assertTrue(e.getMessage().endsWith("limit " + limit), e.getMessage());
    }

    @Test
    void belowTheMinimumGasPriceIsUnderpriced() throws Exception {
        TransactionPoolConfig d = TransactionPoolConfig.DEFAULT;
        PoolFixture priced = new PoolFixture(new TransactionPoolConfig(BigInteger.TWO, d.priceBump(), d.accountSlots(),
                d.globalSlots(), d.accountQueue(), d.globalQueue(), d.lifetime()), null);
        KeyPair a = priced.funded(1);
        rejected(priced.pool, Reason.UNDERPRICED, legacy(a, 0, 1));
        rejected(priced.pool, Reason.UNDERPRICED, dynamic(a, 0, 1, 100));
        assertEquals(Placement.PENDING, priced.pool.add(legacy(a, 0, 2)));
        // Quorum's default minimum is 0: free transactions are welcome.
        assertEquals(Placement.PENDING, f.pool.add(legacy(f.funded(1), 0, 0)));
    }

    @Test
    void aQuorumChainTakesOnlyZeroPricesUntilEnableGasPriceBlock() throws Exception {
        PoolFixture quorum = new PoolFixture(PoolFixture.chainConfig("\"isQuorum\": true, \"enableGasPriceBlock\": 3"),
                TransactionPoolConfig.DEFAULT, null);
        KeyPair a = quorum.funded(1);
        assertEquals("Gas price not 0", rejected(quorum.pool, Reason.GAS_PRICE_NOT_ZERO, legacy(a, 0, 1)).getMessage());
        rejected(quorum.pool, Reason.GAS_PRICE_NOT_ZERO, dynamic(a, 0, 0, 1));
        assertEquals(Placement.PENDING, quorum.pool.add(legacy(a, 0, 0)));
        // A zero-priced transaction cannot be replaced there: the bump would need a price.
        rejected(quorum.pool, Reason.REPLACEMENT_UNDERPRICED, legacyBuilder(0, 0).value(BigInteger.ONE).sign(a));
        rejected(quorum.pool, Reason.GAS_PRICE_NOT_ZERO, legacy(a, 0, 1));

        quorum.newHead(); // head 2: the next block is 3, where prices start
        assertEquals(Placement.PENDING, quorum.pool.add(legacy(a, 0, 1)));

        PoolFixture ethereum = new PoolFixture(PoolFixture.chainConfig("\"londonBlock\": 0"), TransactionPoolConfig.DEFAULT, null);
        assertEquals(Placement.PENDING, ethereum.pool.add(legacy(ethereum.funded(1), 0, 7)));
    }

    @Test
    void feeCapBelowTheHeadBaseFee() throws Exception {
        PoolFixture london = new PoolFixture(TransactionPoolConfig.DEFAULT, BigInteger.TEN);
        KeyPair a = london.funded(1);
        rejected(london.pool, Reason.FEE_CAP_BELOW_BASE_FEE, dynamic(a, 0, 1, 9));
        rejected(london.pool, Reason.FEE_CAP_BELOW_BASE_FEE, legacy(a, 0, 9));
        assertEquals(Placement.PENDING, london.pool.add(dynamic(a, 0, 0, 10)));
    }

    @Test
    void tipAboveFeeCap() {
        rejected(Reason.TIP_ABOVE_FEE_CAP, dynamic(f.funded(1), 0, 11, 10));
    }

    @Test
    void blobTransactionsAreNotSupported() {
        Transaction blob = Transaction.builder(TransactionType.BLOB).chainId(PoolFixture.CHAIN_ID).gasLimit(21_000)
                .to(PoolFixture.TO).blobVersionedHashes(List.of(new byte[32])).sign(f.funded(1));
        assertEquals("transaction type not supported: blob transactions are not carried on Quorum",
                rejected(Reason.TYPE_NOT_SUPPORTED, blob).getMessage());
    }

    @Test
    void privateTransactionsCarryNoValue() throws Exception {
        KeyPair a = f.funded(1);
        byte[] payloadHash = new byte[64];
        payloadHash[0] = 7;
        Transaction.Builder builder = Transaction.builder(TransactionType.LEGACY).privateTransaction(true)
                .gasLimit(100_000).to(PoolFixture.TO).data(payloadHash);
        rejected(Reason.ETHER_VALUE_UNSUPPORTED, builder.value(BigInteger.ONE).sign(a));
        assertEquals(Placement.PENDING, f.pool.add(builder.value(BigInteger.ZERO).sign(a)));
        Transaction badHash = Transaction.builder(TransactionType.LEGACY).privateTransaction(true).nonce(1)
                .gasLimit(100_000).to(PoolFixture.TO).data(new byte[10]).sign(a);
        rejected(Reason.INVALID_TRANSACTION, badHash);
    }

    @Test
    void refusedTransactionLeavesThePoolUnchanged() throws Exception {
        KeyPair a = f.funded(1);
        f.pool.add(legacy(a, 0, 0));
        PoolContent before = f.pool.content();
        rejected(Reason.REPLACEMENT_UNDERPRICED, legacyBuilder(0, 0).value(BigInteger.ONE).sign(a));
        assertEquals(before, f.pool.content());

        // A full pool that could evict part of what is needed evicts nothing when it refuses.
        PoolFixture small = new PoolFixture(limits(0, 1, 4, 1), null);
        Transaction queued = legacy(small.funded(1), 3, 0);
        small.pool.add(queued);
        small.pool.add(legacy(small.funded(2), 0, 0));
        Transaction twoSlots = legacyBuilder(0, 0).gasLimit(1_000_000).data(new byte[40_000]).sign(small.funded(3));
        rejected(small.pool, Reason.POOL_FULL, twoSlots);
        assertTrue(small.pool.get(queued.hash()).isPresent());
    }

    // ---------------------------------------------------------------- replacement

    @Test
    void replacementNeedsTenPercentOnGasPrice() throws Exception {
        KeyPair a = f.funded(1);
        Transaction old = legacy(a, 0, 100);
        f.pool.add(old);
        assertEquals("replacement transaction underpriced",
                rejected(Reason.REPLACEMENT_UNDERPRICED, legacy(a, 0, 109)).getMessage());
        Transaction bumped = legacy(a, 0, 110);
        assertEquals(Placement.PENDING, f.pool.add(bumped));
        assertTrue(f.pool.get(old.hash()).isEmpty());
        assertEquals(bumped, f.pool.get(bumped.hash()).orElseThrow());
        assertEquals(new PoolStatus(1, 0), f.pool.status());
    }

    @Test
    void replacementNeedsTheBumpOnBothTipAndFeeCap() throws Exception {
        KeyPair a = f.funded(1);
        f.pool.add(dynamic(a, 0, 10, 100));
        rejected(Reason.REPLACEMENT_UNDERPRICED, dynamic(a, 0, 10, 200));
        rejected(Reason.REPLACEMENT_UNDERPRICED, dynamic(a, 0, 20, 109));
        assertEquals(Placement.PENDING, f.pool.add(dynamic(a, 0, 11, 110)));
    }

    @Test
    void atGasPriceZeroAReplacementMustPayAtLeastOneWei() throws Exception {
        KeyPair a = f.funded(1);
        f.pool.add(legacy(a, 0, 0));
        rejected(Reason.REPLACEMENT_UNDERPRICED, legacyBuilder(0, 0).value(BigInteger.ONE).sign(a));
        assertEquals(Placement.PENDING, f.pool.add(legacy(a, 0, 1)));
    }

    @Test
    void queuedTransactionsFollowTheSameReplacementRule() throws Exception {
        KeyPair a = f.funded(1);
        Transaction old = legacy(a, 3, 10);
        f.pool.add(old);
        rejected(Reason.REPLACEMENT_UNDERPRICED, legacyBuilder(3, 10).value(BigInteger.ONE).sign(a));
        assertEquals(Placement.QUEUED, f.pool.add(legacy(a, 3, 11)));
        assertTrue(f.pool.get(old.hash()).isEmpty());
        assertEquals(new PoolStatus(0, 1), f.pool.status());
    }

    @Test
    void replacementBalanceCheckCountsOnlyTheDifference() throws Exception {
        KeyPair a = PoolFixture.key(1);
        f.state.balance(a.address(), BigInteger.valueOf(21_000L * 20));
        f.pool.add(legacy(a, 0, 10));
        f.pool.add(legacy(a, 1, 10));
        rejected(Reason.INSUFFICIENT_FUNDS, legacy(a, 1, 11));
        f.state.balance(a.address(), BigInteger.valueOf(21_000L * 21));
        assertEquals(Placement.PENDING, f.pool.add(legacy(a, 1, 11)));
    }

    // ---------------------------------------------------------------- limits and eviction

    private static TransactionPoolConfig limits(int accountSlots, int globalSlots, int accountQueue, int globalQueue) {
        return new TransactionPoolConfig(BigInteger.ZERO, 10, accountSlots, globalSlots, accountQueue, globalQueue,
                Duration.ofHours(3));
    }

    @Test
    void aTransactionTakesOneSlotPer32KiB() {
        KeyPair a = PoolFixture.key(1);
        assertEquals(1, PooledTransaction.slots(legacy(a, 0, 0)));
        assertEquals(1, PooledTransaction.slots(legacyBuilder(0, 0).data(new byte[32 * 1024 - 200]).sign(a)));
        assertEquals(2, PooledTransaction.slots(legacyBuilder(0, 0).data(new byte[32 * 1024]).sign(a)));
    }

    @Test
    void aNewPendingTransactionEvictsQueuedOnesFirstWhateverTheirPrice() throws Exception {
        PoolFixture small = new PoolFixture(limits(1, 2, 4, 1), null);
        KeyPair a = small.funded(1);
        KeyPair b = small.funded(2);
        KeyPair c = small.funded(3);
        small.pool.add(legacy(a, 0, 1));
        small.pool.add(legacy(a, 1, 1));
        Transaction queued = legacy(b, 5, 1_000);
        small.pool.add(queued);
        assertEquals(new PoolStatus(2, 1), small.pool.status());

        assertEquals(Placement.PENDING, small.pool.add(legacy(c, 0, 1)));
        assertTrue(small.pool.get(queued.hash()).isEmpty());
        assertEquals(new PoolStatus(3, 0), small.pool.status());
    }

    @Test
    void thenTheCheapestPendingTailOfASenderAboveItsAccountSlots() throws Exception {
        PoolFixture small = new PoolFixture(limits(1, 2, 4, 1), null);
        KeyPair a = small.funded(1);
        KeyPair b = small.funded(2);
        KeyPair c = small.funded(3);
        Transaction a0 = legacy(a, 0, 5);
        Transaction a1 = legacy(a, 1, 5);
        Transaction b0 = legacy(b, 0, 1);
        small.pool.add(a0);
        small.pool.add(a1);
        small.pool.add(b0);
        assertEquals(new PoolStatus(3, 0), small.pool.status());

        // Equal price evicts nothing; b's only transaction is within its account slots anyway.
        rejected(small.pool, Reason.POOL_FULL, legacy(c, 0, 5));
        assertEquals(Placement.PENDING, small.pool.add(legacy(c, 0, 6)));
        assertTrue(small.pool.get(a1.hash()).isEmpty(), "a's last nonce goes, not its first: no gap");
        assertTrue(small.pool.get(a0.hash()).isPresent());
        assertTrue(small.pool.get(b0.hash()).isPresent());
        assertEquals(1, small.pool.pendingNonce(a.address()));
        // Now every sender is at its account slots: nothing can be evicted, whatever the price.
        rejected(small.pool, Reason.POOL_FULL, legacy(small.funded(4), 0, 1_000));
    }

    @Test
    void atPriceZeroAFullPoolServesFirstComers() throws Exception {
        PoolFixture small = new PoolFixture(limits(0, 1, 1, 1), null);
        small.pool.add(legacy(small.funded(1), 0, 0));
        small.pool.add(legacy(small.funded(2), 0, 0));
        assertEquals("txpool is full", rejected(small.pool, Reason.POOL_FULL, legacy(small.funded(3), 0, 0)).getMessage());
    }

    @Test
    void clientsFillOnlyTheGlobalSlotsAndTheQueueAllowanceStaysForPeers() throws Exception {
        PoolFixture small = new PoolFixture(limits(0, 2, 1, 1), null);
        small.pool.addLocal(legacy(small.funded(1), 0, 0), Duration.ZERO);
        small.pool.addLocal(legacy(small.funded(2), 0, 0), Duration.ZERO);
        assertEquals("txpool is full", assertThrows(TransactionRejectedException.class,
                () -> small.pool.addLocal(legacy(small.funded(3), 0, 0), Duration.ZERO)).getMessage());
        // a peer's transaction takes the slot kept for it; then the pool is full for everyone
        assertEquals(Placement.PENDING, small.pool.add(legacy(small.funded(4), 0, 0)));
        rejected(small.pool, Reason.POOL_FULL, legacy(small.funded(5), 0, 0));
    }

    @Test
    void aFullPoolMakesAWillingCallerWaitForTheNextHeadInsteadOfRefusing() throws Exception {
        PoolFixture small = new PoolFixture(limits(0, 1, 1, 1), null);
        KeyPair a = small.funded(1);
        small.pool.add(legacy(a, 0, 0));
        small.pool.add(legacy(small.funded(2), 0, 0));
        Transaction waiting = legacy(small.funded(3), 0, 0);
        // Whoever does not wait hears "full" at once.
        rejected(small.pool, Reason.POOL_FULL, waiting);

        CompletableFuture<Placement> added = CompletableFuture.supplyAsync(() -> {
            try {
                return small.pool.add(waiting, Duration.ofMinutes(1));
            } catch (TransactionRejectedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Give the add time to start waiting (not a timed assertion: it must still wait after any delay);
        // meanwhile it holds no lock, so the pool answers, and a head that mined a's transaction makes room.
        Thread.sleep(200);
        assertFalse(added.isDone());
        assertEquals(new PoolStatus(2, 0), small.pool.status());
        small.state.nonce(a.address(), 1);
        small.newHead();
        assertEquals(Placement.PENDING, added.get());
        assertTrue(small.pool.get(waiting.hash()).isPresent());
    }

    @Test
    void aWaitForRoomEndsWhenThePoolsClockSaysSo() throws Exception {
        PoolFixture small = new PoolFixture(limits(0, 1, 1, 1), null);
        small.pool.add(legacy(small.funded(1), 0, 0));
        small.pool.add(legacy(small.funded(2), 0, 0));
        Transaction waiting = legacy(small.funded(3), 0, 0);
        CompletableFuture<Reason> refused = CompletableFuture.supplyAsync(() -> {
            try {
                small.pool.add(waiting, Duration.ofMinutes(1));
                return null;
            } catch (TransactionRejectedException e) {
                return e.reason();
            }
        });
        // A minute passes on the pool's clock, none in real time; each head wakes the waiting add and makes
        // no room, so the add (whenever it started waiting) looks again, finds its minute over and hears "full".
        while (!refused.isDone()) {
            small.clock.advance(Duration.ofMinutes(1).plusMillis(1));
            small.newHead();
            try {
                refused.get(10, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                // the add had not started waiting yet: its minute starts later
            }
        }
        assertEquals(Reason.POOL_FULL, refused.get());
        assertEquals(new PoolStatus(2, 0), small.pool.status());
        assertTrue(small.pool.get(waiting.hash()).isEmpty());
    }

    @Test
    void aNewQueuedTransactionEvictsOnlyCheaperQueuedOnes() throws Exception {
        PoolFixture small = new PoolFixture(limits(1, 10, 4, 2), null);
        KeyPair a = small.funded(1);
        KeyPair b = small.funded(2);
        KeyPair c = small.funded(3);
        Transaction a5 = legacy(a, 5, 3);
        Transaction a6 = legacy(a, 6, 1);
        small.pool.add(a5);
        small.pool.add(a6);
        rejected(small.pool, Reason.POOL_FULL, legacy(b, 5, 1));
        Transaction b5 = legacy(b, 5, 2);
        assertEquals(Placement.QUEUED, small.pool.add(b5));
        assertTrue(small.pool.get(a6.hash()).isEmpty());
        assertEquals(Placement.QUEUED, small.pool.add(legacy(c, 5, 4)));
        assertTrue(small.pool.get(b5.hash()).isEmpty(), "the cheapest tail goes");
        assertTrue(small.pool.get(a5.hash()).isPresent());
        assertEquals(new PoolStatus(0, 2), small.pool.status());
        // A queued transaction never displaces a pending one.
        PoolFixture full = new PoolFixture(limits(0, 1, 4, 1), null);
        full.pool.add(legacy(full.funded(1), 0, 0));
        full.pool.add(legacy(full.funded(2), 0, 0));
        rejected(full.pool, Reason.POOL_FULL, legacy(full.funded(3), 3, 100));
    }

    @Test
    void aSenderHoldsAtMostAccountQueueQueuedTransactions() throws Exception {
        PoolFixture small = new PoolFixture(limits(16, 100, 2, 100), null);
        KeyPair a = small.funded(1);
        small.pool.add(legacy(a, 5, 0));
        Transaction a7 = legacy(a, 7, 0);
        small.pool.add(a7);
        assertEquals("account limit exceeded: sender has 2 queued transactions, the limit",
                rejected(small.pool, Reason.ACCOUNT_LIMIT_EXCEEDED, legacy(a, 8, 0)).getMessage());
        assertEquals(Placement.QUEUED, small.pool.add(legacy(a, 6, 0)));
        assertTrue(small.pool.get(a7.hash()).isEmpty(), "the furthest nonce makes room for a nearer one");
        assertEquals(new PoolStatus(0, 2), small.pool.status());
    }

    @Test
    void aSenderWhoseOnlyQueuedTransactionMakesRoomKeepsTheNewOne() throws Exception {
        PoolFixture small = new PoolFixture(limits(16, 100, 1, 100), null);
        KeyPair a = small.funded(1);
        small.pool.add(legacy(a, 7, 0));
        Transaction a5 = legacy(a, 5, 0);
        assertEquals(Placement.QUEUED, small.pool.add(a5));
        assertEquals(List.of(a5), small.pool.content().queued().get(a.address()));
        assertEquals(Placement.PENDING, small.pool.add(legacy(a, 0, 0)));
        assertEquals(new PoolStatus(1, 1), small.pool.status());
    }

    // ---------------------------------------------------------------- new head

    @Test
    void newHeadDropsIncludedTransactionsAndPromotesWhatFollows() throws Exception {
        KeyPair a = f.funded(1);
        Transaction a0 = legacy(a, 0, 0);
        Transaction a1 = legacy(a, 1, 0);
        Transaction a3 = legacy(a, 3, 0);
        f.pool.add(a0);
        f.pool.add(a1);
        f.pool.add(a3);
        f.announced.clear();

        // A block included a0, a1 and a nonce-2 transaction the pool never saw.
        f.state.nonce(a.address(), 3);
        f.newHead();
        assertEquals(new PoolStatus(1, 0), f.pool.status());
        assertTrue(f.pool.get(a0.hash()).isEmpty());
        assertEquals(List.of(a3), f.announced);
        assertEquals(4, f.pool.pendingNonce(a.address()));

        f.state.nonce(a.address(), 4);
        f.newHead();
        assertEquals(new PoolStatus(0, 0), f.pool.status());
        assertTrue(f.pool.content().pending().isEmpty());
    }

    @Test
    void newHeadDropsWhatTheBalanceNoLongerCoversAndQueuesWhatFollowedIt() throws Exception {
        KeyPair a = f.funded(1);
        Transaction a0 = legacy(a, 0, 0);
        Transaction a1 = legacyBuilder(1, 0).value(BigInteger.valueOf(1_000)).sign(a);
        Transaction a2 = legacy(a, 2, 0);
        f.pool.add(a0);
        f.pool.add(a1);
        f.pool.add(a2);
        f.state.balance(a.address(), BigInteger.valueOf(999));
        f.newHead();
        assertTrue(f.pool.get(a1.hash()).isEmpty());
        assertEquals(List.of(a0), f.pool.content().pending().get(a.address()));
        assertEquals(List.of(a2), f.pool.content().queued().get(a.address()));
        assertEquals(new PoolStatus(1, 1), f.pool.status());
    }

    @Test
    void demotionsOnANewHeadKeepTheQueueWithinItsLimit() throws Exception {
        PoolFixture small = new PoolFixture(limits(16, 10, 64, 1), null);
        KeyPair a = small.funded(1);
        Transaction a0 = legacyBuilder(0, 0).value(BigInteger.valueOf(1_000)).sign(a);
        Transaction a1 = legacy(a, 1, 0);
        Transaction a2 = legacy(a, 2, 0);
        small.pool.add(a0);
        small.pool.add(a1);
        small.pool.add(a2);
        small.state.balance(a.address(), BigInteger.valueOf(999));
        small.newHead();
        assertEquals(new PoolStatus(0, 1), small.pool.status());
        assertEquals(List.of(a1), small.pool.content().queued().get(a.address()), "the later arrival goes first");
    }

    @Test
    void newHeadDropsWhatExceedsTheNewBlockGasLimit() throws Exception {
        KeyPair a = f.funded(1);
        Transaction big = legacyBuilder(0, 0).gasLimit(1_000_000).sign(a);
        Transaction small = legacyBuilder(1, 0).sign(a);
        f.pool.add(big);
        f.pool.add(small);
        f.newHead(500_000);
        assertTrue(f.pool.get(big.hash()).isEmpty());
        assertEquals(List.of(small), f.pool.content().queued().get(a.address()));
        rejected(Reason.EXCEEDS_BLOCK_GAS_LIMIT, legacyBuilder(0, 0).gasLimit(600_000).sign(a));
    }

    @Test
    void queuedTransactionsOfAnIdleSenderExpireAfterTheLifetime() throws Exception {
        KeyPair a = f.funded(1);
        KeyPair b = f.funded(2);
        f.pool.add(legacy(a, 0, 0));
        f.pool.add(legacy(a, 2, 0));
        f.pool.add(legacy(b, 4, 0));
        f.clock.advance(Duration.ofHours(2));
        f.pool.add(legacy(a, 1, 0)); // promotes a's nonce 2: a's queue is empty, b's heartbeat is old
        f.pool.add(legacy(a, 5, 0));
        f.clock.advance(Duration.ofMinutes(61));
        assertEquals(1, f.pool.evictExpired());
        assertEquals(new PoolStatus(3, 1), f.pool.status());
        f.clock.advance(Duration.ofHours(2));
        f.newHead();
        assertEquals(new PoolStatus(3, 0), f.pool.status(), "pending transactions never expire");
    }

    // ---------------------------------------------------------------- listeners

    @Test
    void aFailingListenerDoesNotStopTheOthersNorTheAdd() throws Exception {
        f.pool.addListener(txs -> {
            throw new IllegalStateException("boom");
        });
        List<Transaction> seen = new java.util.ArrayList<>();
        f.pool.addListener(seen::addAll);
        Transaction tx = legacy(f.funded(1), 0, 0);
        assertEquals(Placement.PENDING, f.pool.add(tx));
        assertEquals(List.of(tx), seen);
        assertEquals(List.of(), queuedAnnouncements(f.funded(2)));
    }

    private List<Transaction> queuedAnnouncements(KeyPair key) throws Exception {
        f.announced.clear();
        f.pool.add(legacy(key, 3, 0));
        return List.copyOf(f.announced);
    }
}
