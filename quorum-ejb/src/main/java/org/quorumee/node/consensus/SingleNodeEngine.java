package org.quorumee.node.consensus;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.consensus.QuietChainRule;
import org.quorumee.core.tx.Transaction;
import org.quorumee.node.chain.ChainService;
import org.quorumee.node.chain.NewPendingTransactionsEvent;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * One node that makes and finalises every block itself: a block as soon as transactions are
 * pending, at most one per {@code quorum.blockPeriodMillis} (50 ms by default). Empty blocks only by
 * the {@link QuietChainRule}: one, {@code quorum.emptyBlockAfterMillis} (1000 ms by default; 0 for
 * never) after a block that carried transactions. Its rounds run one at a time on the scheduler,
 * so blocks are made one at a time.
 */
@Singleton
@LocalBean
@Startup
@DependsOn({"ChainService", "TransactionPoolService"})
public class SingleNodeEngine implements ConsensusEngine {
    private static final Logger LOG = Logger.getLogger(SingleNodeEngine.class.getName());

    @EJB
    private ChainService chain;

    @EJB
    private TransactionPoolService pool;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Clock clock = Clock.systemUTC();
    private final long periodMillis = Long.getLong("quorum.blockPeriodMillis", 50);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final QuietChainRule quietChain = new QuietChainRule(
            Long.getLong("quorum.emptyBlockAfterMillis", QuietChainRule.DEFAULT_DELAY_MILLIS));
    /** When this engine last made a block and whether it carried transactions (read by rounds only). */
    private long lastBlockMillis;
    private boolean lastBlockCarriedTransactions;
    private ScheduledFuture<?> rounds;

    @PostConstruct
    void start() {
        // A node restarted right after a block with transactions still owes it its follow-up block.
        lastBlockMillis = clock.millis();
        lastBlockCarriedTransactions = chain.block(chain.head().number())
                .map(b -> !b.transactions().isEmpty()).orElse(false);
        rounds = scheduler.scheduleWithFixedDelay(this::round, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        pending.set(pool.hasPending());
        LOG.info(() -> "single-node engine: a block at most every " + periodMillis + " ms when transactions are pending"
                + (quietChain.isEnabled() ? ", one empty block " + quietChain.delayMillis() + " ms after each block with transactions"
                        : ", never an empty block"));
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    @Override
    public String name() {
        return "single";
    }

    @Override
    public void transactionsPending() {
        pending.set(true);
    }

    public void onPending(@Observes NewPendingTransactionsEvent event) {
        transactionsPending();
    }

    /** One production round: a block from what is pending, if anything is; else the quiet-chain block if due. */
    private void round() {
        try {
            // The flag saves a look at the pool when nothing arrived; the look itself makes sure a lost
            // wake-up can never leave a transaction waiting.
            if ((pending.getAndSet(false) || pool.hasPending()) && produceFromPool()) {
                return;
            }
            long now = clock.millis();
            if (quietChain.isEmptyBlockDue(lastBlockMillis, lastBlockCarriedTransactions, now)) {
                chain.produceEmptyBlock(now);
                lastBlockMillis = now;
                lastBlockCarriedTransactions = false;
            }
        } catch (RuntimeException | Error e) {
            // Anything thrown out of a scheduled task would end every later round: keep going, say why.
            // A stack overflow means the server's threads have less stack than the EVM needs (-Xss).
            pending.set(true);
            LOG.log(Level.SEVERE, "block production round failed; retrying next round", e);
        }
    }

    /** A block from the pool's candidates; false when none could be made. */
    private boolean produceFromPool() {
        List<Transaction> candidates = pool.candidates(chain.nextBaseFee(), chain.headHeader().gasLimit());
        if (candidates.isEmpty()) {
            return false;
        }
        long now = clock.millis();
        ChainService.ProducedBlock produced = chain.produceBlock(candidates, now);
        produced.skipped().forEach(s -> LOG.info(() -> "left out of block: " + s.transaction() + ": " + s.message()));
        // More may be waiting than one block took.
        pending.compareAndSet(false, pool.hasPending());
        if (produced.block() == null) {
            return false;
        }
        lastBlockMillis = now;
        lastBlockCarriedTransactions = true;
        return true;
    }
}
