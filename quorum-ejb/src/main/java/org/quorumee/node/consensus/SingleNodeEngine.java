package org.quorumee.node.consensus;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.HeaderValidator;
import org.quorumee.core.consensus.QuietChainRule;
import org.quorumee.core.tx.Transaction;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.BlockAssembler;
import org.quorumee.node.chain.BlockImporter;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.chain.ImportResult;
import org.quorumee.node.network.BlockSync;
import org.quorumee.node.txpool.TransactionPoolService;

/**
 * One node that makes and finalises every block itself: a block as soon as transactions are
 * pending, looked for every {@code quorum.blockPeriodMillis} (50 ms by default), and the next one at
 * once while a backlog is left. Empty blocks only by
 * the {@link QuietChainRule}: one, {@code quorum.emptyBlockAfterMillis} (1000 ms by default; 0 for
 * never) after a block that carried transactions. Its rounds run one at a time on the scheduler,
 * so blocks are made one at a time. Blocks carry no seal: on a network, one node runs this engine
 * and the others run {@link FollowerEngine}, importing what it pushes to them.
 *
 * <p>No container lock or transaction: every client's transaction calls {@link #transactionsPending}
 * (a flag), rounds run on the scheduler one at a time, and the importer runs its own transactions.
 */
@Singleton
@LocalBean
@Local(ConsensusEngine.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SingleNodeEngine implements ConsensusEngine {
    private static final Logger LOG = Logger.getLogger(SingleNodeEngine.class.getName());

    @EJB
    private ChainReader chain;

    @EJB
    private BlockAssembler assembler;

    @EJB
    private BlockImporter importer;

    @EJB
    private TransactionPoolService pool;

    @EJB
    private NodeService node;

    @EJB
    private BlockSync sync;

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
    private volatile boolean stopped;

    @Override
    public String name() {
        return "single";
    }

    @Override
    public ConsensusRules rules() {
        return ConsensusRules.NONE;
    }

    @Override
    public void start() {
        // A node restarted right after a block with transactions still owes it its follow-up block.
        lastBlockMillis = clock.millis();
        lastBlockCarriedTransactions = chain.block(chain.head().number()).map(b -> !b.transactions().isEmpty()).orElse(false);
        pending.set(pool.hasPending());
        rounds = scheduler.scheduleWithFixedDelay(this::round, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "single-node engine: a block at most every " + periodMillis + " ms when transactions are pending"
                + (quietChain.isEnabled() ? ", one empty block " + quietChain.delayMillis() + " ms after each block with transactions"
                        : ", never an empty block"));
    }

    @Override
    public void stop() {
        stopped = true;
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    @Override
    public void transactionsPending() {
        pending.set(true);
    }

    /**
     * One production round: blocks from what is pending, one after the other while a backlog is
     * left (waiting for the timer would idle the producer under load); else the quiet-chain block if due.
     */
    private void round() {
        try {
            boolean produced = false;
            // The flag saves a look at the pool when nothing arrived; the look itself makes sure a lost
            // wake-up can never leave a transaction waiting.
            while (!stopped && (pending.getAndSet(false) || pool.hasPending())) {
                List<Transaction> candidates = pool.candidates(chain.nextBaseFee(), chain.headHeader().gasLimit());
                if (candidates.isEmpty() || !produce(candidates)) {
                    break;
                }
                produced = true;
                lastBlockCarriedTransactions = true;
            }
            if (!produced && quietChain.isEmptyBlockDue(lastBlockMillis, lastBlockCarriedTransactions, clock.millis())
                    && produce(List.of())) {
                lastBlockCarriedTransactions = false;
            }
        } catch (RuntimeException | Error e) {
            // Anything thrown out of a scheduled task would end every later round: keep going, say why.
            // A stack overflow means the server's threads have less stack than the EVM needs (-Xss).
            pending.set(true);
            LOG.log(Level.SEVERE, "block production round failed; retrying next round", e);
        }
    }

    /**
     * Builds a block of {@code candidates} on the head and stores it — an empty one only when asked
     * with no candidates (the quiet-chain block), never when every candidate was left out. True when
     * a block was stored.
     */
    private boolean produce(List<Transaction> candidates) {
        BlockHeader parent = chain.headHeader();
        long now = clock.millis();
        BlockAssembler.Assembled assembled = assembler.onHead(candidates, attributes(parent, now));
        assembled.skipped().forEach(s -> LOG.info(() -> "left out of block: " + s.transaction() + ": " + s.message()));
        if (assembled.isEmpty() && !candidates.isEmpty()) {
            return false;
        }
        ImportResult result = importer.importExecuted(assembled.block());
        if (!result.isImported()) {
            LOG.warning(() -> "the block this node built was not stored: " + result.reason());
            return false;
        }
        lastBlockMillis = now;
        sync.publish(result.block());
        return true;
    }

    /**
     * This engine's policy: the node's address as coinbase, a timestamp in seconds strictly after the
     * parent's (under a sustained load of several blocks a second the chain's clock runs ahead of the
     * wall clock until the load eases), the gas limit moving towards the genesis one.
     */
    private BlockBuilder.Attributes attributes(BlockHeader parent, long nowMillis) {
        long timestamp = Math.max(nowMillis / 1000, parent.timestamp() + 1);
        long gasLimit = HeaderValidator.nextGasLimit(parent.gasLimit(), node.genesis().gasLimit());
        return BlockBuilder.Attributes.of(node.address(), timestamp, gasLimit);
    }
}
